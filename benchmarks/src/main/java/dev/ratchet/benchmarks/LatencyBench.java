package dev.ratchet.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * N1: one workflow at a time, {@code sequential} in a row, on an engine warmed up by {@code warmup} workflows run the
 * same way. Reports the median start-to-result latency, with p90, min and max.
 */
final class LatencyBench {
    private LatencyBench() {
    }

    static Map<String, Object> run(Workload workload, BenchOptions options) {
        for (int i = 0; i < options.warmup(); i++) {
            workload.runOne("warmup-" + i);
        }
        workload.startMeasuring();
        double[] latencies = new double[options.sequential()];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = Stats.millis(workload.runOne("n" + i));
        }
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("median", Stats.round(Stats.median(latencies), 3));
        latency.put("p90", Stats.round(Stats.percentile(latencies, 90), 3));
        latency.put("min", Stats.round(Stats.min(latencies), 3));
        latency.put("max", Stats.round(Stats.max(latencies), 3));
        latency.put("median_by_tenth", mediansByTenth(latencies));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workflows", options.sequential());
        m.put("warmup", options.warmup());
        m.put("latency_ms", latency);
        return m;
    }

    /** The median of each tenth of the run, in order: shows whether latency still falls as the JIT warms up. */
    private static java.util.List<Double> mediansByTenth(double[] latencies) {
        java.util.List<Double> medians = new java.util.ArrayList<>();
        if (latencies.length < 10) {
            return medians;
        }
        for (int part = 0; part < 10; part++) {
            int from = part * latencies.length / 10;
            int to = (part + 1) * latencies.length / 10;
            medians.add(Stats.round(Stats.median(java.util.Arrays.copyOfRange(latencies, from, to)), 3));
        }
        return medians;
    }
}
