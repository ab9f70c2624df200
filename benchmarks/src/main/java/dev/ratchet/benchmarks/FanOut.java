package dev.ratchet.benchmarks;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.Promise;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The W2 and W2c workflows: fan out {@code n} activities (W2) or {@code n} one-activity children (W2c), sum. */
public final class FanOut {
    private FanOut() {
    }

    private static final ActivityOptions OPTIONS = ActivityOptions.of(Duration.ofSeconds(30));

    /** Returns its argument. */
    @ActivityInterface
    public interface Numbers {
        /** Returns {@code i}. */
        int echo(int i);
    }

    /** {@link Numbers} at once. */
    public static final class NumbersImpl implements Numbers {
        @Override
        public int echo(int i) {
            return i;
        }
    }

    /** W2: {@code n} activities started with Async, joined with Promise.allOf, summed. */
    @WorkflowInterface
    public interface Activities {
        /** The sum of 0..n-1, one activity each. */
        @WorkflowMethod
        int fanOut(int n);
    }

    /** W2c: {@code n} child workflows of one activity each, started with Async, summed. */
    @WorkflowInterface
    public interface Children {
        /** The sum of 0..n-1, one child each. */
        @WorkflowMethod
        int fanOut(int n);
    }

    /** A W2c child: one activity. */
    @WorkflowInterface
    public interface Leaf {
        /** {@code i}, through one activity. */
        @WorkflowMethod
        int run(int i);
    }

    /** {@link Activities}. */
    public static final class ActivitiesImpl implements Activities {
        private final Numbers numbers = Workflow.activities(Numbers.class, OPTIONS);

        @Override
        public int fanOut(int n) {
            List<Promise<Integer>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                all.add(Async.function(numbers::echo, i));
            }
            return sum(all);
        }
    }

    /** {@link Children}. */
    public static final class ChildrenImpl implements Children {
        @Override
        public int fanOut(int n) {
            List<Promise<Integer>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Leaf leaf = Workflow.newChildWorkflowStub(Leaf.class);
                all.add(Async.function(leaf::run, i));
            }
            return sum(all);
        }
    }

    /** {@link Leaf}. */
    public static final class LeafImpl implements Leaf {
        private final Numbers numbers = Workflow.activities(Numbers.class, OPTIONS);

        @Override
        public int run(int i) {
            return numbers.echo(i);
        }
    }

    private static int sum(List<Promise<Integer>> all) {
        Promise.allOf(all).get();
        int sum = 0;
        for (Promise<Integer> p : all) {
            sum += p.get();
        }
        return sum;
    }
}
