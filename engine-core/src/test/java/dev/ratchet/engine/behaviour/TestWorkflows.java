package dev.ratchet.engine.behaviour;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflows and activities shared by the behaviour tests. Static state is reset by {@link #reset()}. */
public final class TestWorkflows {
    private TestWorkflows() {
    }

    /** Every activity call, in order, as "type:arg#attempt". */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Failures still to throw per activity argument. */
    public static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();
    /** Log lines the workflow code emitted (counted only when the replay-aware logger lets them through). */
    public static final AtomicInteger LOG_LINES = new AtomicInteger();
    /** Released by tests to let a blocking activity finish. */
    public static volatile CountDownLatch gate = new CountDownLatch(0);

    public static void reset() {
        CALLS.clear();
        FAILURES_LEFT.clear();
        LOG_LINES.set(0);
        gate = new CountDownLatch(0);
    }

    static final ActivityOptions FAST = ActivityOptions.of(Duration.ofSeconds(10))
            .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10)).withMaximumAttempts(5));

    @ActivityInterface
    public interface Steps {
        String step(String name);

        String blocking(String name);

        String flaky(String name);
    }

    public static final class StepsImpl implements Steps {
        @Override
        public String step(String name) {
            CALLS.add("step:" + name + "#" + Activity.context().attempt());
            return name.toUpperCase();
        }

        @Override
        public String blocking(String name) {
            CALLS.add("blocking:" + name + "#" + Activity.context().attempt());
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return name.toUpperCase();
        }

        @Override
        public String flaky(String name) {
            CALLS.add("flaky:" + name + "#" + Activity.context().attempt());
            AtomicInteger left = FAILURES_LEFT.get(name);
            if (left != null && left.getAndDecrement() > 0) {
                throw new IllegalStateException("flaky " + name + " failed");
            }
            return name.toUpperCase();
        }
    }

    /** Three activities in sequence. */
    @WorkflowInterface
    public interface Order {
        @WorkflowMethod
        String place(String id);
    }

    public static final class OrderImpl implements Order {
        private final Steps steps = Workflow.activities(Steps.class, FAST);

        @Override
        public String place(String id) {
            return steps.step("reserve-" + id) + "," + steps.step("charge-" + id) + "," + steps.step("ship-" + id);
        }
    }

    /** a, sleep, b: the same type as {@link SwappedImpl}, which calls b first. */
    @WorkflowInterface(name = "Pausing")
    public interface Pausing {
        @WorkflowMethod
        String run(long sleepMillis);
    }

    public static final class PausingImpl implements Pausing {
        private final Steps steps = Workflow.activities(Steps.class, FAST);

        @Override
        public String run(long sleepMillis) {
            String a = steps.step("a");
            Workflow.sleep(Duration.ofMillis(sleepMillis));
            return a + steps.flaky("b");
        }
    }

    /** A changed version of {@link PausingImpl}: activity order swapped (non-deterministic against old histories). */
    public static final class SwappedImpl implements Pausing {
        private final Steps steps = Workflow.activities(Steps.class, FAST);

        @Override
        public String run(long sleepMillis) {
            String b = steps.flaky("b");
            Workflow.sleep(Duration.ofMillis(sleepMillis));
            return steps.step("a") + b;
        }
    }

    /** Waits on a gated activity; records time, random and UUID values around it. */
    @WorkflowInterface
    public interface Deterministic {
        @WorkflowMethod
        List<String> run(String id);
    }

    public static final class DeterministicImpl implements Deterministic {
        private final Steps steps = Workflow.activities(Steps.class, FAST);

        @Override
        public List<String> run(String id) {
            System.Logger log = Workflow.logger(DeterministicImpl.class);
            if (log.isLoggable(System.Logger.Level.INFO)) {
                LOG_LINES.incrementAndGet();
            }
            String before = Workflow.currentTime().toEpochMilli() + "|" + Workflow.random().nextLong() + "|"
                    + Workflow.randomUUID();
            steps.step(before);
            steps.blocking(id);
            if (log.isLoggable(System.Logger.Level.INFO)) {
                LOG_LINES.incrementAndGet();
            }
            return List.of(before, Workflow.info().workflowId(), String.valueOf(Workflow.isReplaying()));
        }
    }

    /** Fails on purpose, by business failure or by bug, or handles a failed activity. */
    @WorkflowInterface
    public interface Failing {
        @WorkflowMethod
        String run(String mode);
    }

    private static void sleepOutsideTheRuntime(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class FailingImpl implements Failing {
        private final Steps steps = Workflow.activities(Steps.class,
                FAST.withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10))
                        .withMaximumAttempts(3)));

        @Override
        public String run(String mode) {
            switch (mode) {
                case "business" -> throw ApplicationFailure.nonRetryable("OutOfStock", "no stock for " + mode);
                case "bug" -> throw new IllegalStateException("bug in workflow code");
                case "activity" -> {
                    try {
                        return steps.flaky("always");
                    } catch (ActivityFailure f) {
                        return "caught " + f.activityType() + " after " + f.attempts() + ": "
                                + f.getCause().getMessage();
                    }
                }
                case "retry" -> {
                    return steps.flaky("twice");
                }
                case "deadlock" -> {
                    sleepOutsideTheRuntime(60_000);
                    return "slept";
                }
                case "stallOnce", "stallAlways" -> {
                    // after an activity, so the stall happens in a later workflow task, not the start's
                    String done = steps.step("before-stall");
                    AtomicInteger stalls = FAILURES_LEFT.computeIfAbsent(mode, k -> new AtomicInteger(
                            mode.equals("stallOnce") ? 1 : Integer.MAX_VALUE));
                    if (stalls.getAndDecrement() > 0) {
                        sleepOutsideTheRuntime(1_000);
                    }
                    return "recovered after " + done;
                }
                default -> {
                    return mode;
                }
            }
        }
    }
}
