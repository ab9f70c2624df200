package dev.ratchet.engine.behaviour;

import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.UpdateMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;

/** Workflows for the workflow-ID reuse and continue-as-new suites. */
public final class ChainWorkflows {
    private ChainWorkflows() {
    }

    /** Returns its input, fails on "fail", or waits for a signal on "wait". */
    @WorkflowInterface
    public interface Echo {
        @WorkflowMethod
        String run(String mode);

        @SignalMethod
        void release(String value);
    }

    /** See {@link Echo}. */
    public static final class EchoImpl implements Echo {
        private String released;

        @Override
        public String run(String mode) {
            if (mode.equals("fail")) {
                throw ApplicationFailure.nonRetryable("Echo", "failed on purpose");
            }
            if (mode.equals("wait")) {
                Workflow.await(() -> released != null);
                return "released " + released;
            }
            return mode + (released == null ? "" : " +" + released);
        }

        @Override
        public void release(String value) {
            released = value;
        }
    }

    /** Continues as new until {@code n == upTo}, each run waiting for a "next" signal first when {@code gated}. */
    @WorkflowInterface
    public interface Chain {
        @WorkflowMethod
        String run(int n, int upTo, boolean gated);

        @SignalMethod
        void next();
    }

    /** See {@link Chain}. */
    public static final class ChainImpl implements Chain {
        private boolean next;

        @Override
        public String run(int n, int upTo, boolean gated) {
            if (gated) {
                Workflow.await(() -> next);
            } else {
                Workflow.sleep(java.time.Duration.ofMillis(1));
            }
            if (n < upTo) {
                Workflow.continueAsNew(n + 1, upTo, gated);
            }
            return "done " + n + " in " + Workflow.info().runId();
        }

        @Override
        public void next() {
            next = true;
        }
    }

    /** Sleeps {@code sleepMillis} per run and continues as new until {@code n == upTo}. */
    @WorkflowInterface
    public interface Looper {
        @WorkflowMethod
        int run(int n, int upTo, long sleepMillis);
    }

    /** See {@link Looper}. */
    public static final class LooperImpl implements Looper {
        @Override
        public int run(int n, int upTo, long sleepMillis) {
            Workflow.sleep(java.time.Duration.ofMillis(sleepMillis));
            if (n < upTo) {
                Workflow.continueAsNew(n + 1, upTo, sleepMillis);
            }
            return n;
        }
    }

    /** Continues as new with the wrong arguments. */
    @WorkflowInterface
    public interface BadChain {
        @WorkflowMethod
        String run(String mode);
    }

    /** See {@link BadChain}. */
    public static final class BadChainImpl implements BadChain {
        @Override
        public String run(String mode) {
            if (mode.equals("count")) {
                Workflow.continueAsNew("a", "b");
            }
            Workflow.continueAsNew(new Object()); // not serializable
            return "unreachable";
        }
    }

    /** An entity that counts, continuing as new every {@code perRun} messages, until stopped. */
    @WorkflowInterface
    public interface Counter {
        @WorkflowMethod
        long run(long total, int perRun);

        @SignalMethod
        void add(int n);

        @UpdateMethod
        long addAndGet(int n);

        @SignalMethod
        void stop();

        @QueryMethod
        long total();
    }

    /** See {@link Counter}. */
    public static final class CounterImpl implements Counter {
        private long total;
        private int messages;
        private boolean stopped;

        @Override
        public long run(long carried, int perRun) {
            total = carried;
            Workflow.await(() -> stopped || messages >= perRun);
            if (!stopped) {
                Workflow.continueAsNew(total, perRun);
            }
            return total;
        }

        @Override
        public void add(int n) {
            messages++;
            total += n;
        }

        @Override
        public long addAndGet(int n) {
            add(n);
            return total;
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public long total() {
            return total;
        }
    }
}
