package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guides in {@code docs/} and the README quote compiled code: each snippet between {@code // <name>: begin} and
 * {@code // <name>: end} in a source file must appear verbatim (less the markers' indentation) in its guide, and every
 * Java block of the README and the guides must be part of such a snippet, so no code shown can rot.
 */
class DocsTest {
    private static final String MAIN = "src/main/java/dev/ratchet/examples/";
    private static final String TEST = "src/test/java/dev/ratchet/examples/";

    static Stream<Arguments> quotes() {
        return Stream.of(
                Arguments.of("saga.md", MAIN + "saga/TripBooking.java", "saga"),
                Arguments.of("entity-workflow.md", MAIN + "entity/AccountEntity.java", "entity"),
                Arguments.of("fan-out-fan-in.md", MAIN + "fanout/BatchProcessing.java", "fan-out"),
                Arguments.of("human-approval.md", MAIN + "approval/ExpenseApproval.java", "approval"),
                Arguments.of("human-approval.md", TEST + "approval/ExpenseApprovalTest.java", "approval test"),
                Arguments.of("versioning.md", MAIN + "versioning/RenewalVersions.java", "versioning v1"),
                Arguments.of("versioning.md", MAIN + "versioning/RenewalVersions.java", "versioning v2"),
                Arguments.of("deploys.md", MAIN + "versioning/RenewalVersions.java", "versioning v2"),
                Arguments.of("deploys.md", TEST + "versioning/RenewalVersionsTest.java", "replay in CI"),
                Arguments.of("resumable-task.md", MAIN + "resumable/FileImport.java", "resumable"),
                Arguments.of("testing.md", TEST + "approval/ExpenseApprovalTest.java", "approval test"),
                Arguments.of("testing.md", TEST + "versioning/RenewalVersionsTest.java", "replay in CI"),
                Arguments.of("custom-store.md",
                        "../engine-core/src/test/java/dev/ratchet/engine/store/InMemoryStoreContractTest.java", null),
                Arguments.of("custom-store.md",
                        "../engine-jdbc/src/test/java/dev/ratchet/jdbc/H2StoreContractTest.java", null));
    }

    @ParameterizedTest(name = "docs/{0} quotes {2} of {1}")
    @MethodSource("quotes")
    void theGuideQuotesTheCodeVerbatim(String guide, String source, String marker) throws IOException {
        String snippet = snippet(Path.of(source), marker);
        assertThat(snippet).isNotBlank();
        assertThat(Files.readString(Path.of("../docs", guide)))
                .as("docs/%s quotes %s%s; copy it again from the source", guide, source,
                        marker == null ? " from its class declaration on" : " between its '" + marker + "' markers")
                .contains(snippet);
    }

    @ParameterizedTest(name = "{0}: every Java block is quoted from compiled code")
    @MethodSource("pages")
    void everyJavaBlockIsQuotedFromCompiledCode(String page) throws IOException {
        List<String> snippets = compiledSnippets();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of(page)));
        while (block.find()) {
            String code = block.group(1).stripTrailing();
            assertThat(snippets).as("%s shows Java code that no compiled example or test holds between markers "
                    + "('// name: begin' and '// name: end'); quote it from one:%n%s", page, code)
                    .anyMatch(s -> s.contains(code));
        }
    }

    static Stream<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            return Stream.concat(Stream.of("../README.md"), files.map(Path::toString).filter(n -> n.endsWith(".md"))
                    .sorted().toList().stream());
        }
    }

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("^\\s*// (.+): begin$");

    /** Every marked snippet of the examples' sources and tests, and the whole classes the guides quote. */
    static List<String> compiledSnippets() throws IOException {
        List<String> snippets = new ArrayList<>();
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = MARKER.matcher(line);
                        if (m.matches()) {
                            snippets.add(snippet(f, m.group(1)));
                        }
                    }
                }
            }
        }
        for (Arguments a : quotes().toList()) {
            if (a.get()[2] == null) {
                snippets.add(snippet(Path.of((String) a.get()[1]), null));
            }
        }
        return snippets;
    }

    @ParameterizedTest(name = "README links docs/{0}")
    @MethodSource("guides")
    void theReadmeLinksEveryGuide(String guide) throws IOException {
        assertThat(Files.readString(Path.of("../README.md"))).contains("(docs/" + guide + ")");
    }

    static Stream<String> guides() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../docs"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList()
                    .stream();
        }
    }

    /** The lines between the markers, less the begin marker's indentation; without a marker, from "class" on. */
    static String snippet(Path source, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int begin;
        int end;
        String indent;
        if (marker == null) {
            begin = lines.indexOf(lines.stream().filter(l -> l.startsWith("class ")).findFirst().orElseThrow()) - 1;
            end = lines.size();
            indent = "";
        } else {
            begin = lines.indexOf(lines.stream().filter(l -> l.trim().equals("// " + marker + ": begin"))
                    .findFirst().orElseThrow(() -> new AssertionError(source + " has no '" + marker + "' marker")));
            end = lines.indexOf(lines.stream().filter(l -> l.trim().equals("// " + marker + ": end"))
                    .findFirst().orElseThrow());
            indent = lines.get(begin).substring(0, lines.get(begin).indexOf("//"));
        }
        return lines.subList(begin + 1, end).stream()
                .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.strip())
                .collect(Collectors.joining("\n"));
    }
}
