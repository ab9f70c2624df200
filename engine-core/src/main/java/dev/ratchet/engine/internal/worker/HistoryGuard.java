package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.HistoryLimits;
import dev.ratchet.engine.store.HistoryEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link HistoryLimits} to the commits of workflow tasks. Thread-safe (immutable limits). */
final class HistoryGuard {
    private static final Logger log = LoggerFactory.getLogger(HistoryGuard.class);
    private volatile HistoryLimits limits = HistoryLimits.defaults();

    void limits(HistoryLimits l) {
        this.limits = l;
    }

    /**
     * Why a workflow task that appends {@code events} after {@code previousLast} may not be committed, or null. Only
     * commits whose sequence numbers are known (not appended at the end) and that leave the run open are checked.
     */
    String exceeded(String workflowId, String runId, long previousLast, List<HistoryEvent> events, boolean closes) {
        long last = events.get(events.size() - 1).seq();
        if (events.get(0).seq() == 0) {
            return null;
        }
        HistoryLimits l = limits;
        if (!closes && last > l.maxEvents()) {
            return "workflow " + workflowId + " (run " + runId + ") reached the history limit of " + l.maxEvents()
                    + " events (HistoryLimits.maxEvents); its last task would have made it " + last + " events long. "
                    + "Use Workflow.continueAsNew to continue with a fresh history, or raise the limit with "
                    + "Engine.builder().historyLimits(...) and restart the engine to resume it";
        }
        if (previousLast <= l.warnAfterEvents() && last > l.warnAfterEvents()) {
            log.warn("workflow {} (run {}): {}", workflowId, runId, l.warning(last));
        }
        return null;
    }
}
