package dev.ratchet.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.store.WorkflowStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load harness: runs the W1 (throughput), N1 (latency), R1 (retries) and H1 (heartbeats) benchmarks on H2 and/or
 * PostgreSQL and prints one JSON
 * line per (benchmark, store) result on stdout, and nothing else there; logs go to stderr. A run whose results are
 * wrong, or that times out, prints a line with an {@code "error"} field and makes the exit code 1. See
 * {@code benchmarks/README.md} and {@link BenchOptions#USAGE}.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    /** Runs the benchmarks named by {@code args} and exits with 0 (all fine), 1 (a run failed) or 2 (bad arguments). */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args, System.out, true));
    }

    /**
     * Runs the benchmarks and prints the result lines on {@code out}.
     *
     * @param watchdog whether to halt the JVM (exit code 3, after a thread dump on stderr) if one run exceeds its
     *                 time budget; only for a JVM of its own
     * @return the exit code: 0 if every run succeeded (or help was asked for), 1 if one failed, 2 if the arguments
     *         are invalid
     */
    static int run(String[] args, PrintStream out, boolean watchdog) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.err.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            return 2;
        }
        int code = 0;
        for (BenchKind bench : options.benchmarks()) {
            for (StoreKind store : options.stores()) {
                Map<String, Object> line = header(bench, store);
                Duration budget = options.timeout().multipliedBy(options.repeats() + 2L);
                Thread guard = watchdog
                        ? Watchdog.start(bench + " on " + store.label(), budget, out, new LinkedHashMap<>(line)) : null;
                try {
                    line.putAll(runOne(bench, store, options));
                } catch (RuntimeException e) {
                    System.err.println("Bench: " + bench + " on " + store.label() + " failed");
                    e.printStackTrace();
                    line.put("error", String.valueOf(e));
                    code = 1;
                } finally {
                    if (guard != null) {
                        guard.interrupt();
                    }
                }
                line.putAll(trailer());
                out.println(toJson(line));
                out.flush();
            }
        }
        return code;
    }

    private static Map<String, Object> runOne(BenchKind bench, StoreKind kind, BenchOptions options) {
        Map<String, Object> result = new LinkedHashMap<>();
        AtomicReference<CpuMeter> cpu = new AtomicReference<>(new CpuMeter());
        StoreProfile profile = options.profile() ? new StoreProfile() : null;
        Parts engineParts = new Parts(new FlakyImpl(), new ProgressImpl(), new LongAdder());
        try (StoreSession session = kind.open(options, profile);
                Engine engine = startEngine(session, options, profile, bench, engineParts)) {
            String tag = bench + "-" + UUID.randomUUID().toString().substring(0, 8);
            Workload workload = new Workload(engine.client(), options.timeout(), tag, () -> {
                cpu.set(new CpuMeter());
                if (profile != null) {
                    profile.reset();
                }
            });
            try {
                result.putAll(switch (bench) {
                    case W1 -> ThroughputBench.run(workload, options);
                    case N1 -> LatencyBench.run(workload, options);
                    case R1 -> RetryBench.run(workload, engineParts.flaky(), options);
                    case H1 -> HeartbeatBench.run(workload, engineParts.progress(), engineParts.storeHeartbeats(),
                            options);
                    case W2 -> FanOutBench.run(workload, options, false);
                    case W2c -> FanOutBench.run(workload, options, true);
                });
            } finally {
                if (profile != null) {
                    profile.report(System.err, bench + " on " + kind.label() + ", measured part", workload.started());
                }
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("commit_threads", engine.options().commitThreads());
            config.put("max_activities", engine.options().maxConcurrentActivities());
            config.putAll(session.describe());
            result.put("engine", config);
            result.put("cpu_busy", cpu.get().sample());
        }
        return result;
    }

    /** The activity implementations a run's engine uses, and a count of heartbeat writes reaching the store. */
    private record Parts(FlakyImpl flaky, ProgressImpl progress, LongAdder storeHeartbeats) {
    }

    private static Engine startEngine(StoreSession session, BenchOptions options, StoreProfile profile,
            BenchKind bench, Parts parts) {
        WorkflowStore store = profile == null ? session.store() : profile.wrap(session.store());
        if (bench == BenchKind.H1) {
            store = countHeartbeats(store, parts.storeHeartbeats());
        }
        Engine.Builder builder = Engine.builder().store(store)
                .workflows(OrderWorkflowImpl.class, FlakyWorkflowImpl.class, ProgressWorkflowImpl.class,
                        FanOut.ActivitiesImpl.class, FanOut.ChildrenImpl.class, FanOut.LeafImpl.class)
                .activities(new FulfillmentImpl(), parts.flaky(), parts.progress(), new FanOut.NumbersImpl());
        if (options.commitThreads() > 0) {
            builder.commitThreads(options.commitThreads());
        }
        if (options.maxActivities() > 0) {
            builder.maxConcurrentActivities(options.maxActivities());
        } else if (bench == BenchKind.H1) {
            // the heartbeating activities hold their slots for 5 s; W1's activities need slots beside them
            builder.maxConcurrentActivities(HeartbeatBench.ACTIVITIES + 1000);
        }
        return builder.start();
    }

    /** The store with its {@code heartbeatActivity} calls counted. */
    private static WorkflowStore countHeartbeats(WorkflowStore store, LongAdder count) {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (p, method, args) -> {
                    if (method.getName().equals("heartbeatActivity")) {
                        count.increment();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Map<String, Object> header(BenchKind bench, StoreKind store) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("bench", bench.name());
        line.put("store", store.label());
        return line;
    }

    private static Map<String, Object> trailer() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    static String toJson(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result line", e);
        }
    }

    /** Halts the JVM when one run overstays its budget, after printing an error line and a thread dump. */
    private static final class Watchdog {
        /** Starts the watchdog; interrupt the returned thread when the run is over. */
        static Thread start(String what, Duration budget, PrintStream out, Map<String, Object> header) {
            return Thread.ofPlatform().daemon().name("bench-watchdog").start(() -> {
                try {
                    Thread.sleep(budget);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println("Bench: " + what + " still running after " + budget.toSeconds() + " s; threads:");
                for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
                    System.err.print(info);
                }
                Map<String, Object> line = new LinkedHashMap<>(header);
                line.put("error", "time budget of " + budget.toSeconds() + " s exceeded");
                line.putAll(trailer());
                out.println(toJson(line));
                out.flush();
                Runtime.getRuntime().halt(3);
            });
        }
    }
}
