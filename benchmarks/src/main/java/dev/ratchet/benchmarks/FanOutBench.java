package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W2 and W2c: {@value #WORKFLOWS} workflows at once, each fanning out {@value #FAN_OUT} activities (W2) or as many
 * child workflows of one activity each (W2c) and summing their results (checked: 4,950). One warm-up batch, then
 * the measured repeats on the same engine; reported: wall time and activities/s (2,000 / wall).
 */
final class FanOutBench {
    static final int WORKFLOWS = 20;
    static final int FAN_OUT = 100;
    private static final int EXPECTED = FAN_OUT * (FAN_OUT - 1) / 2;
    /** The workflow IDs of the repeat running (the last one, once all ran). */
    private static final java.util.Queue<String> LAST_IDS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private FanOutBench() {
    }

    static Map<String, Object> run(Workload workload, BenchOptions options, boolean children) {
        String label = children ? "w2c" : "w2";
        if (options.warmup() > 0) {
            workload.runConcurrent("warmup-" + label, WORKFLOWS, id -> runOne(workload, id, children));
        }
        workload.startMeasuring();
        List<Double> wallMs = new ArrayList<>();
        List<Double> perSecond = new ArrayList<>();
        LAST_IDS.clear();
        for (int r = 0; r < options.repeats(); r++) {
            LAST_IDS.clear();
            Workload.Batch b = workload.runConcurrent(label + "-" + r, WORKFLOWS, id -> runOne(workload, id, children));
            double wall = Stats.millis(b.wallNanos());
            wallMs.add(wall);
            perSecond.add(WORKFLOWS * FAN_OUT / (wall / 1000.0));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workflows", WORKFLOWS);
        m.put("fan_out", FAN_OUT);
        m.put(children ? "children_per_workflow" : "activities_per_workflow", FAN_OUT);
        m.put("repeats", options.repeats());
        m.put("wall_ms", Stats.acrossRepeats(wallMs, 1));
        m.put("activities_per_s", Stats.acrossRepeats(perSecond, 1));
        // how many outcomes shared a workflow task (and its commit): 1 + FAN_OUT tasks would mean none did
        m.put("workflow_tasks_per_workflow", LAST_IDS.stream().mapToLong(id -> workload.client().fetchHistory(id)
                .stream().filter(e -> e.type().equals("WorkflowTaskCompleted")).count()).average().orElse(0));
        return m;
    }

    private static long runOne(Workload workload, String name, boolean children) {
        workload.countStart();
        long t0 = System.nanoTime();
        String id = workload.idOf(name);
        LAST_IDS.add(id);
        WorkflowHandle<Integer> handle;
        if (children) {
            FanOut.Children stub = workload.client().newWorkflow(FanOut.Children.class, id);
            handle = workload.client().start(stub::fanOut, FAN_OUT);
        } else {
            FanOut.Activities stub = workload.client().newWorkflow(FanOut.Activities.class, id);
            handle = workload.client().start(stub::fanOut, FAN_OUT);
        }
        Integer result = handle.result(workload.timeout());
        if (result == null || result != EXPECTED) {
            throw new BenchFailure("workflow " + id + " returned " + result + ", expected " + EXPECTED);
        }
        return System.nanoTime() - t0;
    }
}
