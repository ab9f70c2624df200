package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.TimeoutType;
import dev.ratchet.engine.store.NewTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow execution and run timeouts as durable timers with reserved IDs, created with the run's start commit. Their
 * firing commits a WorkflowFailed event with a {@link dev.ratchet.api.TimeoutFailure} instead of a TimerFired event,
 * so they never reach workflow code or replay (user timer IDs are numbers, these start with {@code $}); a run that
 * closes first deletes them with its other timers. Stateless.
 */
final class WorkflowTimeouts {
    static final String EXECUTION_TIMER = "$workflow-execution-timeout";
    static final String RUN_TIMER = "$workflow-run-timeout";

    private WorkflowTimeouts() {
    }

    /** Whether a timer ID is one of these reserved ones. */
    static boolean isReserved(String timerId) {
        return EXECUTION_TIMER.equals(timerId) || RUN_TIMER.equals(timerId);
    }

    /** The timers of a run started at {@code startedAt}; none for null timeouts. */
    static List<NewTimer> timers(String runId, long startedAt, Duration executionTimeout, Duration runTimeout) {
        List<NewTimer> out = new ArrayList<>(2);
        if (executionTimeout != null) {
            out.add(new NewTimer(runId, EXECUTION_TIMER, startedAt + executionTimeout.toMillis()));
        }
        if (runTimeout != null) {
            out.add(new NewTimer(runId, RUN_TIMER, startedAt + runTimeout.toMillis()));
        }
        return out;
    }

    /**
     * The timers of a run continuing a chain at {@code now}: the chain's execution deadline (which may have passed:
     * then it fails the new run at once) and a fresh run timeout; 0 for none.
     */
    static List<NewTimer> continued(String runId, long now, long executionDeadline, long runTimeoutMillis) {
        List<NewTimer> out = new ArrayList<>(2);
        if (executionDeadline > 0) {
            out.add(new NewTimer(runId, EXECUTION_TIMER, executionDeadline));
        }
        if (runTimeoutMillis > 0) {
            out.add(new NewTimer(runId, RUN_TIMER, now + runTimeoutMillis));
        }
        return out;
    }

    /** Which timeout a reserved timer stands for. */
    static TimeoutType typeOf(String timerId) {
        return EXECUTION_TIMER.equals(timerId) ? TimeoutType.WORKFLOW_EXECUTION : TimeoutType.WORKFLOW_RUN;
    }

    /** The failure message of a fired timeout. */
    static String message(String workflowId, String timerId) {
        return "workflow " + workflowId + " ran longer than its "
                + (EXECUTION_TIMER.equals(timerId) ? "execution" : "run") + " timeout";
    }
}
