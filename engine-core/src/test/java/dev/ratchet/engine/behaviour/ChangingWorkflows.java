package dev.ratchet.engine.behaviour;

import dev.ratchet.api.Async;
import dev.ratchet.api.Promise;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import java.time.Duration;

/** Pairs of implementations of one workflow type that differ in one toolkit command, for non-determinism tests. */
public final class ChangingWorkflows {
    private ChangingWorkflows() {
    }

    @WorkflowInterface(name = "Changing")
    public interface Changing {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    private static Steps steps() {
        return Workflow.activities(Steps.class, TestWorkflows.FAST);
    }

    public static final class SideEffectThenPause implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            String v = Workflow.sideEffect(String.class, () -> "x");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            return steps.step(v);
        }
    }

    /** {@link SideEffectThenPause} without its side effect. */
    public static final class PauseOnly implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            return steps.step("x");
        }
    }

    /** Waits for an activity with a timeout: the timer is canceled. */
    public static final class AwaitCancels implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            Promise<String> p = Async.function(steps::step, "x");
            boolean won = Workflow.await(Duration.ofHours(1), p::isCompleted);
            return steps.step("after " + won);
        }
    }

    /** {@link AwaitCancels} with a timer that is never canceled. */
    public static final class TimerNotCanceled implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            Promise<String> p = Async.function(steps::step, "x");
            Workflow.newTimer(Duration.ofHours(1));
            p.get();
            return steps.step("after true");
        }
    }

    public static final class MutableA implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            return steps.step("m" + Workflow.mutableSideEffect("a", Integer.class, () -> 1));
        }
    }

    /** {@link MutableA} reading under another ID. */
    public static final class MutableB implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            return steps.step("m" + Workflow.mutableSideEffect("b", Integer.class, () -> 1));
        }
    }

    public static final class TwoAsync implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            Promise<String> a = Async.function(steps::step, "a");
            Promise<String> b = Async.function(steps::flaky, "b");
            return a.get() + b.get();
        }
    }

    /** {@link TwoAsync} with its workflow threads started in the other order. */
    public static final class TwoAsyncSwapped implements Changing {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            Promise<String> b = Async.function(steps::flaky, "b");
            Promise<String> a = Async.function(steps::step, "a");
            return a.get() + b.get();
        }
    }
}
