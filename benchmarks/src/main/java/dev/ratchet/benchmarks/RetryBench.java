package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R1: {@code retryWorkflows} workflows at once, each running one activity that fails twice and then succeeds (10 ms initial
 * retry interval, so retries wait 10 and 20 ms). Each repeat first runs the same number of W1 workflows (3 activities
 * each) on the same engine, so the cost of a retried attempt is compared with the cost of an activity in W1.
 */
final class RetryBench {
    private RetryBench() {
    }

    static Map<String, Object> run(Workload workload, FlakyImpl flaky, BenchOptions options) {
        if (options.warmup() > 0) {
            workload.runConcurrent("warmup", options.warmup());
            workload.runConcurrent("warmup-r1", options.warmup(), id -> runFlaky(workload, id));
        }
        workload.startMeasuring();
        int n = options.retryWorkflows();
        List<Double> wallMs = new ArrayList<>();
        List<Double> perSecond = new ArrayList<>();
        List<Double> msPerAttempt = new ArrayList<>();
        List<Double> w1MsPerActivity = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        for (int r = 0; r < options.repeats(); r++) {
            Workload.Batch w1 = workload.runConcurrent("w1-" + r, n);
            long attemptsBefore = flaky.attempts.sum();
            Workload.Batch r1 = workload.runConcurrent("r1-" + r, n, id -> runFlaky(workload, id));
            long attempts = flaky.attempts.sum() - attemptsBefore;
            if (attempts != 3L * n) {
                throw new BenchFailure("R1 made " + attempts + " attempts, expected exactly " + (3L * n));
            }
            double wall = Stats.millis(r1.wallNanos());
            double perAttempt = wall / attempts;
            double perActivity = Stats.millis(w1.wallNanos()) / (3.0 * n);
            double[] latencies = Arrays.stream(r1.latencyNanos()).mapToDouble(Stats::millis).toArray();
            wallMs.add(wall);
            perSecond.add(n / (wall / 1000.0));
            msPerAttempt.add(perAttempt);
            w1MsPerActivity.add(perActivity);
            ratio.add(perAttempt / perActivity);
            p50.add(Stats.percentile(latencies, 50));
            p99.add(Stats.percentile(latencies, 99));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workflows", n);
        m.put("attempts_per_workflow", 3);
        m.put("initial_interval_ms", 10);
        m.put("repeats", options.repeats());
        m.put("wall_ms", Stats.acrossRepeats(wallMs, 1));
        m.put("wf_per_s", Stats.acrossRepeats(perSecond, 1));
        m.put("ms_per_attempt", Stats.acrossRepeats(msPerAttempt, 4));
        m.put("w1_ms_per_activity", Stats.acrossRepeats(w1MsPerActivity, 4));
        m.put("attempt_cost_vs_w1_activity", Stats.acrossRepeats(ratio, 2));
        m.put("p50_ms", Stats.acrossRepeats(p50, 2));
        m.put("p99_ms", Stats.acrossRepeats(p99, 2));
        return m;
    }

    private static long runFlaky(Workload workload, String name) {
        workload.countStart();
        long t0 = System.nanoTime();
        FlakyWorkflow stub = workload.client().newWorkflow(FlakyWorkflow.class, workload.idOf(name));
        WorkflowHandle<String> handle = workload.client().start(stub::run, name);
        String result = handle.result(workload.timeout());
        if (!FlakyWorkflow.EXPECTED_RESULT.equals(result)) {
            throw new BenchFailure("workflow " + handle.workflowId() + " returned '" + result + "', expected '"
                    + FlakyWorkflow.EXPECTED_RESULT + "'");
        }
        return System.nanoTime() - t0;
    }
}
