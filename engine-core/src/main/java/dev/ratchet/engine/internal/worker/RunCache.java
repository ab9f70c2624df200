package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.runtime.WorkflowRun;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs kept in memory between workflow tasks, least recently used first out, so replay happens only after eviction or
 * a restart. Thread-safe.
 */
public final class RunCache {
    private final int capacity;
    private final LinkedHashMap<String, WorkflowRun> runs = new LinkedHashMap<>(256, 0.75f, true);

    /** A cache of at most {@code capacity} runs. */
    public RunCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached run, or null. */
    public synchronized WorkflowRun get(String runId) {
        return runs.get(runId);
    }

    /** Caches a run, evicting the least recently used ones that are not being processed. */
    public void put(WorkflowRun run) {
        java.util.List<WorkflowRun> evicted = new java.util.ArrayList<>();
        synchronized (this) {
            runs.put(run.info().runId(), run);
            Iterator<Map.Entry<String, WorkflowRun>> it = runs.entrySet().iterator();
            while (runs.size() > capacity && it.hasNext()) {
                WorkflowRun eldest = it.next().getValue();
                if (eldest != run && eldest.lock().tryLock()) {
                    it.remove();
                    evicted.add(eldest);
                }
            }
        }
        for (WorkflowRun r : evicted) {
            try {
                r.destroy();
            } finally {
                r.lock().unlock();
            }
        }
    }

    /** Drops a run from the cache and unwinds its threads (the caller holds its lock or it is unreachable). */
    public void evict(WorkflowRun run) {
        synchronized (this) {
            runs.remove(run.info().runId(), run);
        }
        run.destroy();
    }

    /** The number of cached runs. */
    public synchronized int size() {
        return runs.size();
    }

    /** Evicts everything (at shutdown). */
    public void clear() {
        java.util.List<WorkflowRun> all;
        synchronized (this) {
            all = java.util.List.copyOf(runs.values());
            runs.clear();
        }
        all.forEach(WorkflowRun::destroy);
    }
}
