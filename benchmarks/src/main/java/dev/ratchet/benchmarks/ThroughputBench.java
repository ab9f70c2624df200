package dev.ratchet.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W1: {@code workflows} workflows started at once, each on its own virtual thread (start, then wait for the result).
 * One warm-up batch of {@code warmup} workflows, then {@code repeats} measured batches on the same engine. Reports
 * wall time, workflows per second and p50/p99 start-to-result latency as median, min and max over the repeats.
 */
final class ThroughputBench {
    private ThroughputBench() {
    }

    static Map<String, Object> run(Workload workload, BenchOptions options) {
        if (options.warmup() > 0) {
            workload.runConcurrent("warmup", options.warmup());
        }
        workload.startMeasuring();
        List<Double> wallMs = new ArrayList<>();
        List<Double> perSecond = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (int r = 0; r < options.repeats(); r++) {
            Workload.Batch batch = workload.runConcurrent("r" + r, options.workflows());
            double wall = Stats.millis(batch.wallNanos());
            double[] latencies = Arrays.stream(batch.latencyNanos()).mapToDouble(Stats::millis).toArray();
            wallMs.add(wall);
            perSecond.add(options.workflows() / (wall / 1000.0));
            p50.add(Stats.percentile(latencies, 50));
            p99.add(Stats.percentile(latencies, 99));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workflows", options.workflows());
        m.put("warmup", options.warmup());
        m.put("repeats", options.repeats());
        m.put("wall_ms", Stats.acrossRepeats(wallMs, 1));
        m.put("wf_per_s", Stats.acrossRepeats(perSecond, 1));
        m.put("wf_per_s_each", perSecond.stream().map(v -> Math.round(v)).toList());
        m.put("p50_ms", Stats.acrossRepeats(p50, 2));
        m.put("p99_ms", Stats.acrossRepeats(p99, 2));
        return m;
    }
}
