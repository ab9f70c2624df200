package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * H1: {@value #ACTIVITIES} activities each heartbeating every {@value #PERIOD_MS} ms for {@value #DURATION_MS} ms.
 * Reports heartbeats accepted per second, heartbeat writes reaching the store per second (the engine coalesces), and
 * W1 throughput ({@code workflows} at once) measured alone and again while the heartbeating activities run.
 */
final class HeartbeatBench {
    static final int ACTIVITIES = 200;
    static final long PERIOD_MS = 10;
    static final long DURATION_MS = 5_000;

    private HeartbeatBench() {
    }

    static Map<String, Object> run(Workload workload, ProgressImpl progress, LongAdder storeHeartbeats,
            BenchOptions options) {
        if (options.warmup() > 0) {
            workload.runConcurrent("warmup", options.warmup());
        }
        workload.startMeasuring();
        int n = options.workflows();
        double aloneWall = Stats.millis(workload.runConcurrent("alone", n).wallNanos());

        List<WorkflowHandle<Long>> handles = new ArrayList<>(ACTIVITIES);
        for (int i = 0; i < ACTIVITIES; i++) {
            workload.countStart();
            ProgressWorkflow stub = workload.client().newWorkflow(ProgressWorkflow.class, workload.idOf("h1-" + i));
            handles.add(workload.client().start(() -> stub.run(DURATION_MS, PERIOD_MS)));
        }
        long waitUntil = System.nanoTime() + workload.timeout().toNanos();
        while (progress.running.sum() < ACTIVITIES) {
            if (System.nanoTime() > waitUntil) {
                throw new BenchFailure("only " + progress.running.sum() + " of " + ACTIVITIES
                        + " heartbeating activities started");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        long beats0 = progress.heartbeats.sum();
        long writes0 = storeHeartbeats.sum();
        long t0 = System.nanoTime();
        Workload.Batch loaded = workload.runConcurrent("loaded", n);
        boolean overlapped = progress.running.sum() == ACTIVITIES;
        long beatsTotal = 0;
        for (WorkflowHandle<Long> h : handles) {
            beatsTotal += h.result(workload.timeout());
        }
        double windowS = (System.nanoTime() - t0) / 1e9;
        long beats = progress.heartbeats.sum() - beats0;
        long writes = storeHeartbeats.sum() - writes0;
        double loadedWall = Stats.millis(loaded.wallNanos());

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activities", ACTIVITIES);
        m.put("period_ms", PERIOD_MS);
        m.put("duration_ms", DURATION_MS);
        m.put("heartbeats_total", beatsTotal);
        m.put("heartbeats_per_s", Stats.round(beats / windowS, 1));
        m.put("store_writes_per_s", Stats.round(writes / windowS, 1));
        m.put("w1_workflows", n);
        m.put("w1_wf_per_s_alone", Stats.round(n / (aloneWall / 1000.0), 1));
        m.put("w1_wf_per_s_during", Stats.round(n / (loadedWall / 1000.0), 1));
        m.put("w1_drop_pct", Stats.round(100.0 * (1 - aloneWall / loadedWall), 1));
        m.put("w1_within_heartbeat_window", overlapped);
        return m;
    }
}
