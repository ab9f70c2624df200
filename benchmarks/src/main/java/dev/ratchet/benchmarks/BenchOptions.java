package dev.ratchet.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to run and how big, parsed from the command line.
 *
 * @param benchmarks    the benchmarks to run, in order
 * @param stores        the stores to run them on, in order
 * @param workflows     W1 (and H1's W1 load): workflows per repeat
 * @param retryWorkflows R1: workflows per repeat
 * @param warmup        workflows run before measuring (W1: one concurrent batch; N1: one after another)
 * @param repeats       W1: measured repeats
 * @param sequential    N1: measured workflows, one at a time
 * @param timeout       the longest any single wait may take before the run fails
 * @param commitThreads the engine's group-commit threads, or 0 for the engine's default
 * @param maxActivities the engine's concurrent activity limit, or 0 for the engine's default
 * @param poolSize      PostgreSQL connections in the benchmark's pool, 1 to {@link #MAX_POOL_SIZE}
 * @param pgUrl         the PostgreSQL JDBC URL
 * @param profile       whether to count and time store calls and SQL statements and print them to stderr
 */
record BenchOptions(List<BenchKind> benchmarks, List<StoreKind> stores, int workflows, int retryWorkflows, int warmup,
        int repeats, int sequential, Duration timeout, int commitThreads, int maxActivities, int poolSize, String pgUrl,
        boolean profile) {

    /** The most PostgreSQL connections a benchmark may use, so results compare with other engines' runs. */
    static final int MAX_POOL_SIZE = 10;

    /** The PostgreSQL URL used when {@code -Dratchet.bench.pg.url} is not set. */
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    static final String USAGE = """
            usage: Bench [W1] [N1] [all] [smoke] [options]
              W1                 2,000 workflows at once, 3 activities each (throughput, latency percentiles)
              N1                 one workflow at a time, 20 in a row (latency)
              R1                 1,000 workflows at once (or --workflows), one activity failing twice each
              H1                 200 activities heartbeating every 10 ms for 5 s; W1 alone and during it
              W2                 20 workflows at once, 100 parallel activities each (activities/s)
              W2c                20 workflows at once, 100 child workflows of one activity each
              all                W1 and N1 (the default)
              smoke              W1 with 50 workflows and N1 with 5, on H2, in a few seconds
            options:
              --store=h2|postgres|both|memory   default both (smoke: h2); memory = engine-core's in-memory store
              --workflows=N      W1 workflows per repeat (default 2000)
              --warmup=N         workflows before measuring (default 200)
              --repeats=N        W1 repeats (default 3)
              --sequential=N     N1 workflows (default 20)
              --timeout-s=N      longest single wait before failing (default 120)
              --commit-threads=N engine group-commit threads (default: the engine's)
              --max-activities=N engine concurrent activities (default: the engine's)
              --pool-size=N      PostgreSQL pool connections, 1..10 (default 10)
              --profile          count and time store calls (and SQL on PostgreSQL); report on stderr
            system properties:
              -Dratchet.bench.pg.url=...   PostgreSQL JDBC URL (default %s)
              -Dratchet.bench.dir=...      where H2 files go (default target)
            """.formatted(DEFAULT_PG_URL);

    /** Validates every field. */
    BenchOptions {
        benchmarks = List.copyOf(benchmarks);
        stores = List.copyOf(stores);
        if (benchmarks.isEmpty() || stores.isEmpty()) {
            throw new IllegalArgumentException("nothing to run");
        }
        atLeast(workflows, 1, "--workflows");
        atLeast(retryWorkflows, 1, "--workflows");
        atLeast(warmup, 0, "--warmup");
        atLeast(repeats, 1, "--repeats");
        atLeast(sequential, 1, "--sequential");
        atLeast(commitThreads, 0, "--commit-threads");
        atLeast(maxActivities, 0, "--max-activities");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("--pool-size must be 1.." + MAX_POOL_SIZE + ", was " + poolSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout-s must be positive");
        }
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a message for the user if an argument is unknown or invalid
     */
    static BenchOptions parse(String... args) {
        Set<BenchKind> benches = new LinkedHashSet<>();
        boolean smoke = false;
        String store = null;
        Integer workflows = null;
        Integer warmup = null;
        Integer repeats = null;
        Integer sequential = null;
        int timeoutSeconds = 120;
        int commitThreads = 0;
        int maxActivities = 0;
        int poolSize = MAX_POOL_SIZE;
        boolean profile = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--profile")) {
                profile = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                switch (arg.toUpperCase(Locale.ROOT)) {
                    case "W1" -> benches.add(BenchKind.W1);
                    case "N1" -> benches.add(BenchKind.N1);
                    case "R1" -> benches.add(BenchKind.R1);
                    case "H1" -> benches.add(BenchKind.H1);
                    case "W2" -> benches.add(BenchKind.W2);
                    case "W2C" -> benches.add(BenchKind.W2c);
                    case "ALL" -> benches.addAll(List.of(BenchKind.W1, BenchKind.N1));
                    case "SMOKE" -> smoke = true;
                    default -> throw new IllegalArgumentException("unknown benchmark '" + arg + "'");
                }
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("option '" + arg + "' needs a value (--name=value)");
            }
            String name = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "--store" -> store = value.toLowerCase(Locale.ROOT);
                case "--workflows" -> workflows = number(name, value);
                case "--warmup" -> warmup = number(name, value);
                case "--repeats" -> repeats = number(name, value);
                case "--sequential" -> sequential = number(name, value);
                case "--timeout-s" -> timeoutSeconds = number(name, value);
                case "--commit-threads" -> commitThreads = number(name, value);
                case "--max-activities" -> maxActivities = number(name, value);
                case "--pool-size" -> poolSize = number(name, value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (smoke) {
            if (!benches.isEmpty()) {
                throw new IllegalArgumentException("smoke runs alone; drop " + benches);
            }
            benches.addAll(List.of(BenchKind.W1, BenchKind.N1));
        } else if (benches.isEmpty()) {
            benches.addAll(List.of(BenchKind.W1, BenchKind.N1));
        }
        List<StoreKind> stores = stores(store == null ? (smoke ? "h2" : "both") : store);
        String pgUrl = System.getProperty("ratchet.bench.pg.url", DEFAULT_PG_URL);
        return new BenchOptions(new ArrayList<>(benches), stores,
                orDefault(workflows, smoke ? 50 : 2000), orDefault(workflows, smoke ? 50 : 1000),
                orDefault(warmup, smoke ? 10 : 200),
                orDefault(repeats, smoke ? 1 : 3), orDefault(sequential, smoke ? 5 : 20),
                Duration.ofSeconds(timeoutSeconds), commitThreads, maxActivities, poolSize, pgUrl, profile);
    }

    private static List<StoreKind> stores(String value) {
        return switch (value) {
            case "h2" -> List.of(StoreKind.H2);
            case "postgres", "pg" -> List.of(StoreKind.POSTGRES);
            case "both" -> List.of(StoreKind.H2, StoreKind.POSTGRES);
            case "memory" -> List.of(StoreKind.MEMORY);
            default -> throw new IllegalArgumentException("unknown --store '" + value + "' (h2, postgres, both, memory)");
        };
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static void atLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }
}
