package dev.ratchet.engine.behaviour;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.UpdateMethod;
import dev.ratchet.api.UpdateValidatorMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflows for the message suites: an entity workflow (a bank account) driven by signals, queries and updates. */
public final class MessageWorkflows {
    /** Replays of account code (counted by its workflow method while replaying). */
    public static final AtomicInteger REPLAYS = new AtomicInteger();

    private MessageWorkflows() {
    }

    /** Calls of the transfer validator. */
    public static final java.util.concurrent.atomic.AtomicInteger VALIDATIONS =
            new java.util.concurrent.atomic.AtomicInteger();
    /** Set by a test: the next call of the transfer validator waits for it (while the test changes the run). */
    public static volatile java.util.concurrent.CountDownLatch holdValidator;
    /** Counted down when a held validator call is waiting. */
    public static volatile java.util.concurrent.CountDownLatch validatorHeld = new java.util.concurrent.CountDownLatch(1);

    static void reset() {
        REPLAYS.set(0);
        VALIDATIONS.set(0);
        holdValidator = null;
        validatorHeld = new java.util.concurrent.CountDownLatch(1);
    }

    /** An account: opened with a balance, changed by signals and transfers, closed by a signal. */
    @WorkflowInterface
    public interface Account {
        /** Runs until closed; returns the final balance. */
        @WorkflowMethod
        int run(int opening);

        @SignalMethod
        void deposit(int amount);

        @SignalMethod
        void withdraw(int amount);

        @SignalMethod(name = "close")
        void closeAccount();

        @QueryMethod
        int balance();

        @QueryMethod
        List<String> ledger();

        /** Moves money out through an activity; returns the new balance. */
        @UpdateMethod
        int transfer(int amount, String to);

        @UpdateValidatorMethod(updateName = "transfer")
        void checkTransfer(int amount, String to);

        /** A query that tries to sleep: must fail and change nothing. */
        @QueryMethod
        int sleepyQuery();

        /** A query that tries to call an activity. */
        @QueryMethod
        String activityQuery();

        /** An update whose handler fails. */
        @UpdateMethod
        int freeze(String reason);
    }

    public static final class AccountImpl implements Account {
        private final TestWorkflows.Steps steps = Workflow.activities(TestWorkflows.Steps.class,
                ActivityOptions.of(Duration.ofSeconds(10)));
        private final List<String> ledger = new ArrayList<>();
        private int balance;
        private boolean closed;

        @Override
        public int run(int opening) {
            if (Workflow.isReplaying()) {
                REPLAYS.incrementAndGet();
            }
            balance += opening;
            ledger.add("open " + opening);
            Workflow.await(() -> closed);
            return balance;
        }

        @Override
        public void deposit(int amount) {
            balance += amount;
            ledger.add("+" + amount);
        }

        @Override
        public void withdraw(int amount) {
            balance -= amount;
            ledger.add("-" + amount);
        }

        @Override
        public void closeAccount() {
            closed = true;
        }

        @Override
        public int balance() {
            return balance;
        }

        @Override
        public List<String> ledger() {
            return ledger;
        }

        @Override
        public int transfer(int amount, String to) {
            String receipt = steps.step(to);
            balance -= amount;
            ledger.add("transfer " + amount + " to " + receipt);
            return balance;
        }

        @Override
        public void checkTransfer(int amount, String to) {
            VALIDATIONS.incrementAndGet();
            java.util.concurrent.CountDownLatch hold = holdValidator;
            if (hold != null) {
                holdValidator = null;
                validatorHeld.countDown();
                try {
                    hold.await(); // a test's pause, not workflow logic
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (amount <= 0 || amount > balance) {
                throw new IllegalArgumentException("cannot transfer " + amount + " with a balance of " + balance);
            }
        }

        @Override
        public int sleepyQuery() {
            Workflow.sleep(Duration.ofSeconds(1));
            return balance;
        }

        @Override
        public String activityQuery() {
            return steps.step("from a query");
        }

        @Override
        public int freeze(String reason) {
            throw ApplicationFailure.nonRetryable("Frozen", "account frozen: " + reason);
        }
    }

    /** The account's workflow type as a later version without the deposit signal: old histories cannot replay. */
    @WorkflowInterface(name = "Account")
    public interface AccountWithoutDeposit {
        @WorkflowMethod
        int run(int opening);

        @SignalMethod(name = "close")
        void closeAccount();
    }

    public static final class AccountWithoutDepositImpl implements AccountWithoutDeposit {
        private boolean closed;

        @Override
        public int run(int opening) {
            Workflow.await(() -> closed);
            return opening;
        }

        @Override
        public void closeAccount() {
            closed = true;
        }
    }

    /** A signal handler must return void. */
    @WorkflowInterface
    public interface BadSignal {
        @WorkflowMethod
        void run();

        @SignalMethod
        int ping();
    }

    public static final class BadSignalImpl implements BadSignal {
        @Override
        public void run() {
        }

        @Override
        public int ping() {
            return 0;
        }
    }

    /** A validator must take the same parameters as its update. */
    @WorkflowInterface
    public interface BadValidator {
        @WorkflowMethod
        void run();

        @UpdateMethod
        int set(int value);

        @UpdateValidatorMethod(updateName = "set")
        void check(String value);
    }

    public static final class BadValidatorImpl implements BadValidator {
        @Override
        public void run() {
        }

        @Override
        public int set(int value) {
            return value;
        }

        @Override
        public void check(String value) {
        }
    }
}
