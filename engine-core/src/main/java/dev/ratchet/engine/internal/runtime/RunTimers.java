package dev.ratchet.engine.internal.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A run's durable timers: starting them (one command each), delivering their firing, and canceling the ones a
 * condition beat ({@code Workflow.await} with a timeout, {@code Promise.get} with a timeout, {@code poll} of a queue).
 * Confined like the run's other state.
 */
final class RunTimers {
    private final WorkflowRun run;
    private final Map<String, RunPromise<Void>> pending = new HashMap<>();
    /** Canceled timers; a firing recorded for one (a store that cannot delete timers) is ignored. */
    private final Set<String> canceled = new HashSet<>();

    RunTimers(WorkflowRun run) {
        this.run = run;
    }

    /** Whether the code waits for this timer (false once fired or canceled, or if it never started it). */
    boolean awaits(String timerId) {
        return pending.containsKey(timerId);
    }

    /** Starts a timer (a zero duration gives a completed promise and no command). */
    RunPromise<Void> start(Duration duration) {
        RunPromise<Void> promise = new RunPromise<>(run);
        if (duration.isZero()) {
            promise.complete(null);
            return promise;
        }
        startPending(duration, promise);
        return promise;
    }

    private String startPending(Duration duration, RunPromise<Void> promise) {
        String id = run.nextCommandId();
        pending.put(id, promise);
        run.issue(new Command.StartTimer(id, run.now() + ceilMillis(duration), run.location()));
        RunScope scope = run.threads().currentScope();
        promise.whenComplete(() -> scope.forget(promise));
        scope.onCancel(promise, () -> cancelByScope(id, promise));
        return id;
    }

    /** The timer's scope was canceled: the timer is canceled and its promise fails with CanceledFailure. */
    private void cancelByScope(String timerId, RunPromise<Void> timer) {
        if (timer.isCompleted() || pending.remove(timerId) == null) {
            return;
        }
        canceled.add(timerId);
        run.issue(new Command.CancelTimer(timerId, run.location()));
        timer.completeExceptionally(new dev.ratchet.api.CanceledFailure("timer " + timerId + " was canceled"));
    }

    /** Delivers a recorded TimerFired; false if the code never started the timer (a mismatch). */
    boolean fired(String timerId) {
        RunPromise<Void> t = pending.remove(timerId);
        if (t == null) {
            return canceled.contains(timerId);
        }
        t.complete(null);
        return true;
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passes; the condition wins a tie, and a timer that lost is
     * canceled.
     */
    boolean await(Duration timeout, BooleanSupplier condition) {
        if (condition.getAsBoolean()) {
            return true;
        }
        if (timeout.isZero()) {
            return false;
        }
        RunPromise<Void> timer = new RunPromise<>(run);
        String id = startPending(timeout, timer);
        run.threads().await(() -> condition.getAsBoolean() || timer.isCompleted());
        if (condition.getAsBoolean()) {
            cancel(id, timer);
            return true;
        }
        return false;
    }

    private void cancel(String timerId, RunPromise<Void> timer) {
        if (timer.isCompleted() || pending.remove(timerId) == null) {
            return; // it fired in the same step: nothing to cancel
        }
        canceled.add(timerId);
        run.issue(new Command.CancelTimer(timerId, run.location()));
    }

    /** Rounds up, so a timer never fires before the duration passed (a sub-millisecond wait still waits 1 ms). */
    private static long ceilMillis(Duration d) {
        long ms = d.toMillis();
        return d.minusMillis(ms).isZero() ? ms : ms + 1;
    }
}
