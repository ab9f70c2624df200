package dev.ratchet.engine.behaviour;

import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.CompletablePromise;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.api.WorkflowQueue;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Workflows of the toolkit suites. Each has a gated activity (where a test evicts the run) and a pause of the length
 * the test gives (where a test restarts the engine with its clock ahead). Static state is reset by {@link #reset()}.
 */
public final class ToolkitWorkflows {
    private ToolkitWorkflows() {
    }

    /** How often workflow code started while replaying (proof that a replay happened). */
    public static final AtomicInteger REPLAYS = new AtomicInteger();
    /** How often a side effect's supplier ran. */
    public static final AtomicInteger SIDE_EFFECT_CALLS = new AtomicInteger();
    /** What mutable side effects read. */
    public static final AtomicInteger CONFIG = new AtomicInteger(1);

    public static void reset() {
        REPLAYS.set(0);
        SIDE_EFFECT_CALLS.set(0);
        CONFIG.set(1);
    }

    private static Steps steps() {
        return Workflow.activities(Steps.class, TestWorkflows.FAST);
    }

    private static void countReplay() {
        if (Workflow.isReplaying()) {
            REPLAYS.incrementAndGet();
        }
    }

    /** Waits for ever; used to take the single slot of a small run cache. */
    @WorkflowInterface
    public interface Idle {
        @WorkflowMethod
        String run();
    }

    public static final class IdleImpl implements Idle {
        @Override
        public String run() {
            Workflow.await(() -> false);
            return "never";
        }
    }

    /** Conditions, timers and timeouts. */
    @WorkflowInterface
    public interface Waiting {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    public static final class WaitingImpl implements Waiting {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            countReplay();
            List<String> out = new ArrayList<>();
            // a condition set by another workflow thread beats a long timer, which is canceled
            String[] box = new String[1];
            Async.procedure(() -> box[0] = steps.blocking("w"));
            out.add("won=" + Workflow.await(Duration.ofHours(1), () -> box[0] != null));
            // a timer beats a condition that never holds
            out.add("lost=" + Workflow.await(Duration.ofMillis(20), () -> false));
            // a timer as a promise, awaited without timeout
            Promise<Void> pause = Workflow.newTimer(Duration.ofMillis(pauseMillis));
            Workflow.await(pause::isCompleted);
            // get with a timeout: the value comes first (the timer is canceled), then a promise that never completes
            out.add("get=" + Async.function(steps::step, "v").get(Duration.ofHours(1)));
            try {
                Workflow.newPromise().get(Duration.ofMillis(20));
                out.add("no timeout");
            } catch (TimeoutFailure f) {
                out.add("timeout=" + f.timeoutType());
            }
            out.add("box=" + box[0]);
            return String.join(",", out);
        }
    }

    /** Waits that are decided at once: no timer is started. */
    @WorkflowInterface
    public interface Immediate {
        @WorkflowMethod
        String run();
    }

    public static final class ImmediateImpl implements Immediate {
        @Override
        public String run() {
            boolean held = Workflow.await(Duration.ofHours(1), () -> true);
            boolean zero = Workflow.await(Duration.ZERO, () -> false);
            Workflow.sleep(Duration.ZERO);
            boolean done = Workflow.newTimer(Duration.ZERO).isCompleted();
            Object polled = Workflow.newQueue(1).poll(Duration.ZERO);
            return held + "," + zero + "," + done + "," + polled;
        }
    }

    /** Side effects and mutable side effects around a gated activity and a pause. */
    @WorkflowInterface
    public interface SideEffects {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    public static final class SideEffectsImpl implements SideEffects {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            countReplay();
            String id = Workflow.sideEffect(String.class, () -> {
                SIDE_EFFECT_CALLS.incrementAndGet();
                return UUID.randomUUID().toString();
            });
            int c1 = Workflow.mutableSideEffect("config", Integer.class, CONFIG::get);
            int c2 = Workflow.mutableSideEffect("config", Integer.class, CONFIG::get);
            steps.blocking("s");
            int c3 = Workflow.mutableSideEffect("config", Integer.class, CONFIG::get);
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            int c4 = Workflow.mutableSideEffect("config", Integer.class, CONFIG::get);
            String echoed = steps.step(id);
            return id + "|" + c1 + c2 + c3 + c4 + "|" + echoed.equals(id.toUpperCase());
        }
    }

    /** A side effect whose supplier throws. */
    @WorkflowInterface
    public interface BrokenSideEffect {
        @WorkflowMethod
        String run();
    }

    public static final class BrokenSideEffectImpl implements BrokenSideEffect {
        @Override
        public String run() {
            try {
                return Workflow.sideEffect(String.class, () -> {
                    throw new IllegalStateException("config service down");
                });
            } catch (RuntimeException e) {
                return "caught " + e; // never: the task fails and the run is parked instead
            }
        }
    }

    /** Async functions, promise combinators and a queue, with a trace of the interleaving. */
    @WorkflowInterface
    public interface Concurrent {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    public static final class ConcurrentImpl implements Concurrent {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            countReplay();
            List<String> trace = new ArrayList<>();
            List<Promise<String>> parts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                parts.add(Async.function(steps::step, "p" + i));
            }
            Promise.allOf(parts).get();
            trace.add(parts.stream().map(Promise::get).collect(Collectors.joining()));
            trace.add("len=" + parts.get(0).thenApply(String::length).get());
            trace.add(Async.function(steps::flaky, "always")
                    .handle((v, f) -> f == null ? v : "failed:" + f.getClass().getSimpleName()).get());
            trace.add(Async.function(steps::flaky, "always2").exceptionally(f -> "recovered").get());
            Promise<String> gated = Async.function(steps::blocking, "a");
            Promise<String> first = Promise.anyOf(gated, Workflow.newTimer(Duration.ofHours(1)).thenApply(v -> "timer"));
            trace.add("any=" + first.get());
            WorkflowQueue<Integer> queue = Workflow.newQueue(2);
            Async.procedure(() -> {
                for (int i = 1; i <= 4; i++) {
                    queue.put(i);
                    trace.add("put" + i);
                }
            });
            Promise<Integer> consumer = Async.function(() -> {
                int sum = 0;
                for (int i = 0; i < 4; i++) {
                    int v = queue.take();
                    trace.add("take" + v + steps.step("c" + v));
                    sum += v;
                }
                return sum;
            });
            trace.add("sum=" + consumer.get());
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            CompletablePromise<String> manual = Workflow.newPromise();
            Promise<String> activity = Async.function(steps::step, "late");
            Async.procedure(() -> manual.complete("manual"));
            trace.add("any2=" + Promise.anyOf(List.of(manual, activity)).get());
            trace.add("late=" + activity.get() + ",poll=" + queue.poll() + ",polled=" + queue.poll(Duration.ofMillis(5)));
            return String.join(",", trace);
        }
    }

    /** Starts {@code n} gated activities at once and waits for all of them. */
    @WorkflowInterface
    public interface WideFanOut {
        @WorkflowMethod
        int run(int n);
    }

    public static final class WideFanOutImpl implements WideFanOut {
        /** A long start-to-close timeout: an attempt whose outcome was dropped would not be retried within a test. */
        private final Steps steps = Workflow.activities(Steps.class, ActivityOptions.of(Duration.ofMinutes(10))
                .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10))));

        @Override
        public int run(int n) {
            List<Promise<String>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                parts.add(Async.function(steps::blocking, "w" + i));
            }
            Promise.allOf(parts).get();
            return parts.stream().mapToInt(p -> p.get().length()).sum();
        }
    }

    /** Combinators that fail, and an await condition that throws. */
    @WorkflowInterface
    public interface Combinators {
        @WorkflowMethod
        String run();
    }

    public static final class CombinatorsImpl implements Combinators {
        private final Steps steps = steps();

        @Override
        public String run() {
            List<String> out = new ArrayList<>();
            Promise<String> slow = Async.function(steps::blocking, "slow");
            Promise<String> failing = Async.function(steps::flaky, "always");
            try {
                Promise.allOf(slow, failing).get();
                out.add("all completed");
            } catch (ActivityFailure f) {
                out.add("all failed fast:" + f.activityType() + ",slow pending=" + !slow.isCompleted());
            }
            try {
                Promise.anyOf(slow, failing).get();
                out.add("any completed");
            } catch (ActivityFailure f) {
                out.add("any failed");
            }
            int[] evaluations = {0};
            try {
                // false on the workflow thread, then it throws when the scheduler re-evaluates it
                Workflow.await(() -> {
                    if (evaluations[0]++ > 0) {
                        throw new IllegalStateException("bad condition");
                    }
                    return false;
                });
            } catch (IllegalStateException e) {
                out.add("await threw " + e.getMessage());
            }
            return String.join(",", out);
        }
    }

    /** Asks for one change with two ranges; the second excludes the version the first recorded. */
    @WorkflowInterface
    public interface VersionConflict {
        @WorkflowMethod
        String run();
    }

    public static final class VersionConflictImpl implements VersionConflict {
        @Override
        public String run() {
            int first = Workflow.getVersion("conflicting-change", Workflow.DEFAULT_VERSION, 1);
            int second = Workflow.getVersion("conflicting-change", 2, 3);
            return first + "," + second;
        }
    }

    /** Every toolkit method with bad input, inside workflow code: the exceptions' messages, and no command. */
    @WorkflowInterface
    public interface BadToolkitInput {
        @WorkflowMethod
        List<String> run();
    }

    public static final class BadToolkitInputImpl implements BadToolkitInput {
        @Override
        public List<String> run() {
            List<Runnable> calls = List.of(
                    () -> Workflow.newTimer(Duration.ofSeconds(-1)),
                    () -> Workflow.await(Duration.ofMillis(-5), () -> true),
                    () -> Workflow.await(null),
                    () -> Workflow.getVersion("change-x", 2, 1),
                    () -> Workflow.getVersion(" ", -1, 1),
                    () -> Workflow.getVersion("change-y", -2, 1),
                    () -> Workflow.sideEffect(null, () -> "x"),
                    () -> Workflow.mutableSideEffect("", String.class, () -> "x"),
                    () -> Workflow.newQueue(0),
                    () -> Workflow.newQueue(1).put(null),
                    () -> Workflow.newPromise().get(Duration.ofSeconds(-1)),
                    () -> Promise.allOf((List<Promise<?>>) null),
                    () -> Promise.anyOf(List.of()),
                    () -> Promise.allOf(Workflow.newPromise(), null),
                    () -> Async.function(null),
                    () -> Workflow.newPromise().thenApply(null));
            List<String> messages = new ArrayList<>();
            for (Runnable call : calls) {
                try {
                    call.run();
                    messages.add("accepted");
                } catch (InvalidArgumentException e) {
                    messages.add(e.getMessage());
                }
            }
            return messages;
        }
    }
}
