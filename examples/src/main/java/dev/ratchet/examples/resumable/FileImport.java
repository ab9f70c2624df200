package dev.ratchet.examples.resumable;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.ExampleStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Resumable long task: a file import runs as one long activity that heartbeats the last line it imported. JVM 1 (a
 * child process) starts the import and is killed with {@code destroyForcibly()} (like kill -9) halfway through; this
 * JVM then starts an engine on the same store. The attempt's heartbeat timeout passes, the activity is retried, and
 * the new attempt reads the last recorded progress with {@code heartbeatDetails} and resumes there instead of at line
 * 1. Lines imported after the last recorded heartbeat are imported again (at least once), so a real target upserts
 * by line number; here the target file logs every write, to show which JVM wrote what.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.resumable.FileImport [-Ddemo.args=--postgres]</pre>
 */
public final class FileImport {
    /** Lines in the file to import. */
    public static final int LINES = 400;
    /** JVM 1 is killed once it has imported this line. */
    public static final int KILL_AFTER = 250;

    private FileImport() {
    }

    /** What happened: the line the second attempt resumed after, and who imported each line (one entry per write). */
    public record Outcome(String result, int resumedAfter, List<String> writes) {
    }

    // resumable: begin
    @ActivityInterface
    public interface Importer { int importFile(String file); }

    @WorkflowInterface
    public interface ImportWorkflow { @WorkflowMethod String run(String file); }

    public static class ImportWorkflowImpl implements ImportWorkflow {
        private final Importer importer = Workflow.activities(Importer.class, ActivityOptions.of(Duration.ofMinutes(10))
                .withHeartbeatTimeout(Duration.ofSeconds(2))      // no heartbeat for 2 s: the attempt is retried
                .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(200))));

        public String run(String file) {
            return "imported " + importer.importFile(file) + " lines";
        }
    }

    public static class LineImporter implements Importer {
        private final String jvm;
        public LineImporter(String jvm) { this.jvm = jvm; }

        public int importFile(String file) {
            ActivityContext context = Activity.context();
            int done = context.heartbeatDetails(Integer.class).orElse(0);   // progress of an earlier attempt
            say(jvm, "attempt " + context.attempt() + " starts after line " + done);
            List<String> lines = read(Path.of(file));
            for (int line = done + 1; line <= lines.size(); line++) {
                upsert(Path.of(file + ".target"), line, jvm + " " + lines.get(line - 1));
                context.heartbeat(line);                                    // recorded progress (coalesced)
                if (line % 50 == 0) { say(jvm, "imported line " + line); }
            }
            return lines.size();
        }
    }
    // resumable: end

    /** Imports one line: appends it to the target file, which logs every write. */
    private static void upsert(Path target, int line, String content) {
        try {
            Thread.sleep(10); // the slow part of a real import
            Files.writeString(target, line + " " + content + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void say(String jvm, String what) {
        System.out.println("[" + jvm + "] " + what);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Outcome outcome = run(ExampleStore.fromArgs(args));
        System.exit(outcome.result().equals("imported " + LINES + " lines") ? 0 : 1);
    }

    /** Runs the import in JVM 1, kills it, finishes it here, and returns what happened. */
    public static Outcome run(ExampleStore where) throws IOException, InterruptedException {
        where.reset("import");
        Path input = where.h2Dir().toAbsolutePath().resolve("import-input.txt");
        Path target = Path.of(input + ".target");
        Files.deleteIfExists(target);
        Files.write(input, IntStream.rangeClosed(1, LINES).mapToObj(i -> "record " + i).toList());
        System.out.println("Importing " + LINES + " lines of " + input + " on " + where.describe("import"));

        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), FirstJvm.class.getName(), input.toString()));
        command.addAll(where.toArgs());
        Process jvm1 = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader output = jvm1.inputReader()) {
            String line;
            while ((line = output.readLine()) != null && !line.contains("imported line " + KILL_AFTER)) {
                System.out.println("  JVM 1 | " + line);
            }
            System.out.println(line == null ? "JVM 1 ended before it was killed" : "  JVM 1 | " + line);
        }
        jvm1.destroyForcibly().waitFor();
        System.out.println("Killed JVM 1 (destroyForcibly) after line " + KILL_AFTER + "; starting an engine here.");

        try (Engine engine = Engine.builder().store(where.open("import")).workflows(ImportWorkflowImpl.class)
                .activities(new LineImporter("JVM 2")).start()) {
            String result = engine.client().handle("import-1", String.class).result(Duration.ofSeconds(60));
            List<String> writes = read(target);
            int resumedAfter = writes.stream().filter(w -> w.contains(" JVM 2 "))
                    .mapToInt(w -> Integer.parseInt(w.split(" ")[0])).min().orElse(LINES + 1) - 1;
            long again = writes.stream().filter(w -> w.contains(" JVM 1 "))
                    .filter(w -> Integer.parseInt(w.split(" ")[0]) > resumedAfter).count();
            System.out.println("import-1: " + result + "; JVM 2 resumed after line " + resumedAfter + " (not at line 1);"
                    + " the " + again + " lines JVM 1 imported after its last recorded heartbeat were upserted again");
            return new Outcome(result, resumedAfter, writes);
        }
    }

    /** JVM 1: starts the import and runs it until it is killed. */
    public static final class FirstJvm {
        private FirstJvm() {
        }

        public static void main(String[] args) throws InterruptedException {
            ExampleStore where = ExampleStore.fromArgs(args);
            Engine engine = Engine.builder().store(where.open("import")).workflows(ImportWorkflowImpl.class)
                    .activities(new LineImporter("JVM 1")).start();
            ImportWorkflow workflow = engine.client().newWorkflow(ImportWorkflow.class, "import-1");
            engine.client().start(workflow::run, args[0]);
            System.out.println("started workflow import-1");
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
    }
}
