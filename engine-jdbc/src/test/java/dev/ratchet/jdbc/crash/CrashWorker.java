package dev.ratchet.jdbc.crash;

import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.jdbc.JdbcStore;
import dev.ratchet.jdbc.TestDatabases;
import dev.ratchet.jdbc.internal.ConnectionPool;
import dev.ratchet.jdbc.internal.H2Databases;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The child JVM of the crash test: opens the store, starts an engine running {@link CrashWorkload}, starts every
 * workflow (starting an existing ID returns its run, so each incarnation simply starts them all), and then either
 * waits to be killed ({@code mode=crash}) or waits until every workflow has finished, closes the engine and exits 0
 * ({@code mode=finish}).
 *
 * <p>Arguments, {@code key=value}: {@code mode}, {@code incarnation}, {@code workflows}, {@code seed}, {@code anchor}
 * (the test's start, epoch ms, see {@link CrashWorkload#firstWakeAt}), {@code store}
 * ({@code h2} with {@code path}, or {@code pg} with {@code schema}; PostgreSQL's URL comes from the system property
 * {@code ratchet.test.pg.url} as in {@link TestDatabases}).
 *
 * <p>Lines on standard output, read by the parent: {@code UP <engineId> <pid>}, {@code ACK <workflowId> <runId>}
 * once a start returned, {@code START-FAILED <workflowId> <error>}, {@code STARTED}, {@code PROGRESS <unfinished>},
 * {@code SETTLED}, {@code DONE}. The child halts when its standard input closes, so it never outlives the test JVM.
 */
public final class CrashWorker {
    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
            true, StandardCharsets.UTF_8);
    /** A child left alone this long halts, whatever happened to its parent. */
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private CrashWorker() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        String mode = require(a, "mode");
        int incarnation = Integer.parseInt(require(a, "incarnation"));
        int workflows = Integer.parseInt(require(a, "workflows"));
        long seed = Long.parseLong(require(a, "seed"));
        long anchor = Long.parseLong(require(a, "anchor"));
        watchParent();

        DataSource effectsSource;
        JdbcStore store;
        switch (require(a, "store")) {
            case "h2" -> {
                String path = require(a, "path");
                effectsSource = new ConnectionPool(H2Databases.fileDataSource(H2Databases.filePath(path)), 4,
                        Duration.ofSeconds(30));
                store = JdbcStore.h2File(path);
            }
            case "pg" -> {
                String schema = require(a, "schema");
                effectsSource = TestDatabases.postgresDataSource(schema);
                store = JdbcStore.builder().schema(schema).closeDataSource(true)
                        .postgres(TestDatabases.postgresDataSource(schema));
            }
            default -> throw new IllegalArgumentException("unknown store " + a.get("store"));
        }
        CrashWorkload.Effects effects = new CrashWorkload.Effects(effectsSource);
        effects.createTable();
        Engine engine = CrashWorkload.engine(store, new CrashWorkload.StepsImpl(effects, incarnation));
        say("UP " + engine.engineId() + " " + ProcessHandle.current().pid());

        startAll(engine, workflows, anchor, new Random(seed * 31 + incarnation));
        say("STARTED");
        if (mode.equals("crash")) {
            Thread.sleep(MAX_LIFETIME.toMillis()); // the parent kills this JVM long before
            say("NOT KILLED");
            Runtime.getRuntime().halt(4);
        }
        awaitSettled(engine, workflows);
        engine.close();
        if (effectsSource instanceof AutoCloseable c) {
            c.close();
        }
        say("DONE");
        System.exit(0);
    }

    /** Starts every workflow, in a shuffled order from several threads, printing an ACK per returned start. */
    private static void startAll(Engine engine, int workflows, long anchor, Random random)
            throws InterruptedException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < workflows; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        ExecutorService starters = Executors.newFixedThreadPool(4);
        for (int index : order) {
            starters.execute(() -> {
                String id = CrashWorkload.workflowId(index);
                // every incarnation starts every workflow again: a start must never make a second run of a closed
                // ID (the default reuse policy, ALLOW_DUPLICATE, would)
                CrashWorkload.ThreeSteps stub = engine.client().newWorkflow(CrashWorkload.ThreeSteps.class,
                        dev.ratchet.api.WorkflowOptions.of(id)
                                .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.REJECT_DUPLICATE));
                long wakeAt = CrashWorkload.firstWakeAt(anchor, index);
                try {
                    WorkflowHandle<String> h;
                    try {
                        h = engine.client().start(() -> stub.run(index, wakeAt));
                    } catch (dev.ratchet.api.WorkflowAlreadyStartedException closed) {
                        h = engine.client().handle(id, String.class);
                    }
                    say("ACK " + id + " " + h.runId());
                } catch (RuntimeException e) {
                    say("START-FAILED " + id + " " + e);
                    e.printStackTrace(OUT);
                }
            });
        }
        starters.shutdown();
        if (!starters.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("starting " + workflows + " workflows took over 2 minutes");
        }
    }

    /** Waits until no workflow is running (any status but RUNNING), reporting progress; gives up after MAX_LIFETIME. */
    private static void awaitSettled(Engine engine, int workflows) throws InterruptedException {
        Set<String> unfinished = new LinkedHashSet<>();
        for (int i = 0; i < workflows; i++) {
            unfinished.add(CrashWorkload.workflowId(i));
        }
        long deadline = System.nanoTime() + MAX_LIFETIME.toNanos();
        int reported = -1;
        long lastReport = 0;
        while (!unfinished.isEmpty()) {
            unfinished.removeIf(id -> {
                WorkflowDescription d = engine.client().describe(id);
                return d.status() != WorkflowStatus.RUNNING;
            });
            if (unfinished.size() != reported || System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                say("PROGRESS " + unfinished.size() + (unfinished.size() <= 5 ? " " + unfinished : ""));
                reported = unfinished.size();
                lastReport = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                say("STUCK " + unfinished);
                Runtime.getRuntime().halt(5);
            }
            if (!unfinished.isEmpty()) {
                Thread.sleep(200);
            }
        }
        say("SETTLED");
    }

    /** Halts this JVM when the parent closes our standard input (or dies), and after MAX_LIFETIME in any case. */
    private static void watchParent() {
        Thread.ofPlatform().daemon().name("crash-parent-watch").start(() -> {
            try {
                InputStream in = System.in;
                while (in.read() != -1) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // treat as gone
            }
            Runtime.getRuntime().halt(3);
        });
        Thread.ofPlatform().daemon().name("crash-lifetime").start(() -> {
            try {
                Thread.sleep(MAX_LIFETIME.toMillis() + 30_000);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(6);
        });
    }

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            m.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return m;
    }

    private static String require(Map<String, String> args, String key) {
        String v = args.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    /** The arguments for a child on an H2 file. */
    static List<String> h2Args(Path path) {
        return List.of("store=h2", "path=" + path.toAbsolutePath());
    }

    /** The arguments for a child on a PostgreSQL schema. */
    static List<String> postgresArgs(String schema) {
        return List.of("store=pg", "schema=" + schema);
    }
}
