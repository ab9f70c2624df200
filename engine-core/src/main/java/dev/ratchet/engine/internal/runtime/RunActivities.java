package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A run's activities as its code sees them: scheduling them (one command each), delivering their outcomes to the
 * waiting promises, and canceling the ones whose scope was canceled. Confined like the run's other state.
 */
final class RunActivities {
    private record Pending(RunPromise<Object> promise, Type resultType, String activityType) {
    }

    private final WorkflowRun run;
    private final Map<String, Pending> pending = new HashMap<>();
    /** Activities the code stopped waiting for (TRY_CANCEL): their late outcome is ignored. */
    private final Set<String> canceled = new HashSet<>();

    RunActivities(WorkflowRun run) {
        this.run = run;
    }

    /** Whether the code waits for this activity's outcome. */
    boolean awaits(String activityId) {
        return pending.containsKey(activityId);
    }

    RunPromise<Object> schedule(String activityType, Type resultType, Object[] args, ActivityOptions options) {
        String id = run.nextCommandId();
        String input = run.config().payloads().writeArgs(args, "input of activity " + activityType);
        RunPromise<Object> promise = new RunPromise<>(run);
        pending.put(id, new Pending(promise, resultType, activityType));
        run.issue(new Command.ScheduleActivity(id, activityType, options.taskQueue(), input, options,
                run.location()));
        RunScope scope = run.threads().currentScope();
        promise.whenComplete(() -> scope.forget(promise));
        scope.onCancel(promise, () -> cancel(id));
        return promise;
    }

    /**
     * Cancels an activity the code waits for: recorded as a command, and its promise fails with CanceledFailure at
     * once; the code does not wait for the activity to acknowledge (TRY_CANCEL).
     */
    private void cancel(String id) {
        Pending a = pending.remove(id);
        if (a == null) {
            return;
        }
        canceled.add(id);
        run.issue(new Command.RequestCancelActivity(id, run.location()));
        a.promise().completeExceptionally(new CanceledFailure("activity " + a.activityType() + " (id " + id
                + ") was canceled"));
    }

    /** Delivers an ActivityCompleted or ActivityFailed input; returns false for any other event. */
    boolean deliver(Events.Event e) {
        if (e.type() != EventType.ActivityCompleted && e.type() != EventType.ActivityFailed) {
            return false;
        }
        String id = e.text("activityId");
        if (canceled.remove(id)) {
            return true; // the code stopped waiting for it when its scope was canceled
        }
        Pending a = pending.remove(id);
        if (a == null) {
            throw run.nonDeterminism(e.seq(), e.type() + "(activityId=" + id + ")", "no such activity", "unknown");
        }
        if (e.type() == EventType.ActivityCompleted) {
            a.promise().complete(run.config().payloads().read(e.json("result"), a.resultType(),
                    "result of activity " + a.activityType()));
        } else {
            RatchetFailure f = Failures.fromJson(run.config().events().mapper(), e.attrs().get("failure"));
            a.promise().completeExceptionally(f instanceof ActivityFailure ? f
                    : new ActivityFailure(a.activityType(), id, e.attrs().path("attempts").asInt(), f, null));
        }
        return true;
    }
}
