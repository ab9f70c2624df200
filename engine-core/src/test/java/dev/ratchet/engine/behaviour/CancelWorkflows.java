package dev.ratchet.engine.behaviour;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.CancellationScope;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Saga;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflows and activities of the cancellation, saga and history-limit suites. */
public final class CancelWorkflows {
    private CancelWorkflows() {
    }

    /** What the watching activity observed, in order. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    public static void reset() {
        SEEN.clear();
    }

    /** An activity that heartbeats until it is canceled (or 30 s pass). */
    @ActivityInterface
    public interface Watch {
        String watch(String name);

        /** Returns once the watcher {@code name} saw its cancellation (or after 30 s). */
        boolean awaitCanceled(String name);
    }

    public static final class WatchImpl implements Watch {
        @Override
        public String watch(String name) {
            SEEN.add("watching:" + name);
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                try {
                    Activity.context().heartbeat(name);
                } catch (CanceledFailure e) {
                    SEEN.add("canceled:" + name);
                    throw e;
                }
                try {
                    Thread.sleep(20); // an activity polling its heartbeat, not a test wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                }
            }
            return "unwatched";
        }

        @Override
        public boolean awaitCanceled(String name) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < end) {
                if (SEEN.contains("canceled:" + name)) {
                    return true;
                }
                try {
                    Thread.sleep(10); // polling from activity code, not a test wait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return false;
        }
    }

    /** Sleeps; when canceled, runs a cleanup activity in a detached scope and ends canceled. */
    @WorkflowInterface
    public interface Cleanup {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    public static final class CleanupImpl implements Cleanup {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);

        @Override
        public String run(long pauseMillis) {
            steps.step("begin");
            try {
                Workflow.sleep(Duration.ofMillis(pauseMillis));
                return "slept";
            } catch (CanceledFailure e) {
                boolean rootCanceled = CancellationScope.current().isCancelRequested();
                Workflow.newDetachedCancellationScope(() -> steps.step("cleanup-" + rootCanceled)).run();
                throw e;
            }
        }
    }

    /** Cancels a scope holding a timer and a heartbeating activity once the gated trigger activity returns. */
    @WorkflowInterface
    public interface Partial {
        @WorkflowMethod
        String run();
    }

    public static final class PartialImpl implements Partial {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);
        private final Watch watch = Workflow.activities(Watch.class, ActivityOptions.of(Duration.ofSeconds(60))
                .withHeartbeatTimeout(Duration.ofSeconds(2)).withRetry(RetryPolicy.defaults()
                        .withInitialInterval(Duration.ofMillis(10)).withMaximumAttempts(5)));
        private final List<Promise<?>> started = new ArrayList<>();

        @Override
        public String run() {
            CancellationScope scope = Workflow.newCancellationScope(() -> {
                started.add(Workflow.newTimer(Duration.ofHours(1)));
                started.add(Async.function(watch::watch, "w"));
            });
            scope.run();
            steps.blocking("trigger");
            scope.cancel();
            String outcomes = "timer=" + outcome(started.get(0)) + ",activity=" + outcome(started.get(1));
            // the run stays open until the running activity learned of it from a heartbeat (a closed run's tasks
            // are deleted, and heartbeats of a deleted task are merely stale)
            return outcomes + ",heard=" + watch.awaitCanceled("w") + ",scope=" + scope.isCancelRequested()
                    + ",root=" + CancellationScope.current().isCancelRequested();
        }

        static String outcome(Promise<?> p) {
            try {
                p.get();
                return "done";
            } catch (CanceledFailure e) {
                return "canceled";
            }
        }
    }

    /**
     * Cancels a scope holding a timer and a heartbeating activity once the gated trigger returns, then waits for
     * {@link #proceed()} (an engine restart or an eviction happens there in tests) before reporting.
     */
    @WorkflowInterface
    public interface ScopeThenWait {
        @WorkflowMethod
        String run();

        @SignalMethod
        void proceed();
    }

    public static final class ScopeThenWaitImpl implements ScopeThenWait {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);
        private final Watch watch = Workflow.activities(Watch.class, ActivityOptions.of(Duration.ofSeconds(60))
                .withHeartbeatTimeout(Duration.ofSeconds(2)).withRetry(RetryPolicy.defaults()
                        .withInitialInterval(Duration.ofMillis(10)).withMaximumAttempts(5)));
        private final List<Promise<?>> started = new ArrayList<>();
        private boolean proceed;

        @Override
        public String run() {
            CancellationScope scope = Workflow.newCancellationScope(() -> {
                started.add(Workflow.newTimer(Duration.ofHours(1)));
                started.add(Async.function(watch::watch, "s"));
            });
            scope.run();
            steps.blocking("trigger");
            scope.cancel();
            String outcomes = "timer=" + PartialImpl.outcome(started.get(0)) + ",activity="
                    + PartialImpl.outcome(started.get(1));
            Workflow.await(() -> proceed);
            steps.step("after");
            return outcomes + ",scope=" + scope.isCancelRequested() + ",root="
                    + CancellationScope.current().isCancelRequested();
        }

        @Override
        public void proceed() {
            proceed = true;
        }
    }

    /**
     * Sleeps; when canceled, runs a cleanup step in a detached scope, waits there for {@link #proceed()} (a restart or
     * an eviction happens there in tests), runs one more step and ends canceled.
     */
    @WorkflowInterface
    public interface CancelThenWait {
        @WorkflowMethod
        String run(long pauseMillis);

        @SignalMethod
        void proceed();
    }

    public static final class CancelThenWaitImpl implements CancelThenWait {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);
        private boolean proceed;

        @Override
        public String run(long pauseMillis) {
            steps.step("begin");
            try {
                Workflow.sleep(Duration.ofMillis(pauseMillis));
                return "slept";
            } catch (CanceledFailure e) {
                Workflow.newDetachedCancellationScope(() -> {
                    steps.step("cleanup");
                    Workflow.await(() -> proceed);
                    steps.step("after-cleanup");
                }).run();
                throw e;
            }
        }

        @Override
        public void proceed() {
            proceed = true;
        }
    }

    /** Three steps, the last of which fails for good, compensated by a saga in the given mode. */
    @WorkflowInterface
    public interface Booking {
        @WorkflowMethod
        String book(String mode);
    }

    public static final class BookingImpl implements Booking {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);

        @Override
        public String book(String mode) {
            Saga.Options options = switch (mode) {
                case "parallel" -> Saga.Options.defaults().withParallelCompensation(true);
                case "collect" -> Saga.Options.defaults().withContinueWithError(true);
                default -> Saga.Options.defaults();
            };
            Saga saga = new Saga(options);
            try {
                saga.addCompensation(steps::step, "undo-a");
                steps.step("a");
                switch (mode) {
                    case "collect" -> saga.addCompensation(steps::flaky, "undo-b");
                    case "blocking" -> saga.addCompensation(steps::blocking, "undo-b");
                    default -> saga.addCompensation(steps::step, "undo-b");
                }
                steps.step("b");
                saga.addCompensation(steps::step, "undo-c");
                steps.flaky("c");
                return "booked";
            } catch (ActivityFailure e) {
                try {
                    saga.compensate();
                    return "compensated";
                } catch (Saga.CompensationException ce) {
                    return "compensation failed: " + ce.failures().size() + " " + ce.getMessage();
                }
            }
        }
    }

    /** Runs {@code count} activities one after another: about three history events each. */
    @WorkflowInterface
    public interface Chatty {
        @WorkflowMethod
        String run(int count);
    }

    public static final class ChattyImpl implements Chatty {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);

        @Override
        public String run(int count) {
            for (int i = 0; i < count; i++) {
                steps.step("s" + i);
            }
            return "done";
        }
    }
}
