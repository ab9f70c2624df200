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
    H1,
    /** Fan-out: 20 workflows at once, 100 parallel activities each. */
    W2,
    /** Fan-out through children: 20 workflows at once, 100 child workflows of one activity each. */
    W2c
}
