package dev.ratchet.benchmarks;

/** The benchmarks the harness knows. */
enum BenchKind {
    /** Throughput: many workflows started at once. */
    W1,
    /** Latency: one workflow at a time. */
    N1,
    /** Retries: activities that fail twice, then succeed. */
    R1,
    /** Heartbeats: long activities heartbeating often, alone and under W1. */
    H1
}
