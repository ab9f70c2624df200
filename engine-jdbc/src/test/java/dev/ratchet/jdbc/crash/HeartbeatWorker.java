package dev.ratchet.jdbc.crash;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The child JVM of {@link HeartbeatCrashTest}: an engine running one file-import workflow whose activity heartbeats the
 * number of the item it finished, and resumes after the last recorded one. Prints {@code UP}, then
 * {@code RESUMED <attempt> <from>} when an attempt starts, {@code BEAT <n>} after each heartbeat, and
 * {@code RESULT <value>} when the workflow completed. Arguments: {@code store=h2 path=...} or {@code store=pg
 * schema=...}.
 */
public final class HeartbeatWorker {
    static final String WORKFLOW_ID = "import-1";
    static final int ITEMS = 400;
    static final int STEP_MS = 15;
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            true, StandardCharsets.UTF_8);

    private HeartbeatWorker() {
    }

    /** Imports a file of items. */
    @WorkflowInterface
    public interface FileImport {
        /** Imports {@code items} items; returns the item the last attempt resumed from. */
        @WorkflowMethod
        int run(int items);
    }

    /** The import activity. */
    @ActivityInterface
    public interface Importer {
        /** Imports items after the last heartbeat's, heartbeating each; returns where it resumed. */
        int importItems(int items);
    }

    /** Heartbeats with a 2 s timeout, so a dead engine's attempt is retried 2 s after its last beat. */
    public static final class FileImportImpl implements FileImport {
        private final Importer importer = Workflow.activities(Importer.class, ActivityOptions.builder()
                .startToCloseTimeout(Duration.ofMinutes(5)).heartbeatTimeout(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(100))).build());

        @Override
        public int run(int items) {
            return importer.importItems(items);
        }
    }

    /** Resumes from the heartbeat details of the attempt before. */
    public static final class ImporterImpl implements Importer {
        @Override
        public int importItems(int items) {
            ActivityContext context = Activity.context();
            int from = context.heartbeatDetails(Integer.class).orElse(0);
            say("RESUMED " + context.attempt() + " " + from);
            for (int i = from + 1; i <= items; i++) {
                try {
                    Thread.sleep(STEP_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted at item " + i, e);
                }
                context.heartbeat(i);
                say("BEAT " + i);
            }
            return from;
        }
    }

    public static void main(String[] args) throws Exception {
        String store = null;
        String location = null;
        for (String arg : args) {
            if (arg.startsWith("store=")) {
                store = arg.substring(6);
            } else if (arg.startsWith("path=") || arg.startsWith("schema=")) {
                location = arg.substring(arg.indexOf('=') + 1);
            }
        }
        JdbcStore jdbc = "pg".equals(store)
                ? JdbcStore.builder().schema(location).closeDataSource(true)
                        .postgres(TestDatabases.postgresDataSource(location))
                : JdbcStore.h2File(location);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() != -1) {
                    // EOF: the parent is gone
                }
            } catch (java.io.IOException e) {
                // gone
            }
            Runtime.getRuntime().halt(3);
        });
        try (Engine engine = Engine.builder().store(jdbc).workflows(FileImportImpl.class)
                .activities(new ImporterImpl()).pollInterval(Duration.ofMillis(100)).start()) {
            say("UP " + ProcessHandle.current().pid());
            FileImport stub = engine.client().newWorkflow(FileImport.class, WORKFLOW_ID);
            int result = engine.client().start(stub::run, ITEMS).result(Duration.ofMinutes(3));
            say("RESULT " + result);
        }
        System.exit(0);
    }

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }
}
