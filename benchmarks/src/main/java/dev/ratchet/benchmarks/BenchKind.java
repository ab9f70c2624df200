package dev.ratchet.benchmarks;

/** The benchmarks the harness knows. */
enum BenchKind {
    /** Throughput: many workflows started at once. */
    W1,
    /** Latency: one workflow at a time. */
    N1
}
