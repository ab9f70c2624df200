package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QuickStartTest {
    @Test
    void printsTheGreeting() throws IOException {
        Files.deleteIfExists(Path.of("ratchet-data/quickstart.mv.db")); // QuickStart's database: start afresh
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(console);
        }
        assertThat(captured.toString()).contains("Hello, World!");
    }

    @Test
    void theReadmeQuotesTheQuickStartVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/ratchet/examples/QuickStart.java"));
        String snippet = source.substring(source.indexOf("// quick start: begin\n") + 22,
                source.indexOf("    // quick start: end")).lines().map(l -> l.replaceFirst("^    ", ""))
                .collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("../README.md")))
                .as("README.md quotes examples/.../QuickStart.java between its 'quick start' markers; keep them equal")
                .contains(snippet);
    }
}
