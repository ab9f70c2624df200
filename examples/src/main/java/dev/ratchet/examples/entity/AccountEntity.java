package dev.ratchet.examples.entity;

import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.UpdateMethod;
import dev.ratchet.api.UpdateValidatorMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.api.WorkflowUpdateException;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.Conditions;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Entity workflow: one long-lived workflow per bank account holds its state. Signals change it (deposit, withdraw,
 * close), queries read it, and an update (a transfer) is checked by its validator before it is accepted, then runs an
 * activity and returns the new balance to its caller. Every {@value #MESSAGES_PER_RUN} messages the account continues
 * as new: the run closes and a new run of the same workflow ID starts with the state and a fresh, short history.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.entity.AccountEntity [-Ddemo.args=--postgres]</pre>
 */
public final class AccountEntity {
    /** Signals and updates one run takes before it continues as new. */
    public static final int MESSAGES_PER_RUN = 50;
    /** Statement lines an account keeps (and carries into its next run). */
    public static final int STATEMENT_LINES = 10;

    private AccountEntity() {
    }

    // entity: begin
    /** Everything one run hands to the next. */
    public record AccountState(int balance, List<String> statement, long messages, int run) {
        public static AccountState opening(int balance) {
            return new AccountState(balance, List.of("opened with " + balance), 0, 1);
        }

        AccountState next() { return new AccountState(balance, statement, messages, run + 1); }
    }

    @WorkflowInterface
    public interface Account {
        @WorkflowMethod int run(AccountState state);    // runs until closed; returns the final balance
        @SignalMethod void deposit(int amount);
        @SignalMethod void withdraw(int amount);
        @SignalMethod void close();
        @QueryMethod int balance();
        @QueryMethod AccountState state();
        @UpdateMethod int transfer(int amount, String to);
        @UpdateValidatorMethod(updateName = "transfer") void checkTransfer(int amount, String to);
    }

    @ActivityInterface
    public interface Payments { String send(int amount, String to); }

    public static class AccountImpl implements Account {
        private final Payments payments = Workflow.activities(Payments.class, ActivityOptions.of(Duration.ofSeconds(10)));
        private final List<String> statement = new ArrayList<>();
        private int balance;
        private long messages;                 // since the account was opened
        private int messagesThisRun;
        private int transfersInFlight;
        private int run;
        private boolean closed;

        public int run(AccountState state) {
            balance = state.balance();
            statement.addAll(state.statement());
            messages = state.messages();
            run = state.run();
            // Wait until closed, or until this run has taken its share of messages and no transfer is half done.
            // Messages delivered in the same workflow task run their handlers first, so none is left behind.
            Workflow.await(() -> transfersInFlight == 0 && (closed || messagesThisRun >= MESSAGES_PER_RUN));
            if (!closed) {
                Workflow.continueAsNew(state().next());   // never returns: the next run starts with this state
            }
            return balance;
        }

        public void deposit(int amount) { counted(); balance += amount; note("+" + amount); }

        public void withdraw(int amount) {          // a signal cannot answer: refuse silently, but say so
            counted();
            if (amount > balance) { note("refused -" + amount); return; }
            balance -= amount;
            note("-" + amount);
        }

        public void close() { counted(); closed = true; note("closed"); }

        public int balance() { return balance; }

        public AccountState state() { return new AccountState(balance, List.copyOf(statement), messages, run); }

        public void checkTransfer(int amount, String to) {   // rejects before anything is recorded
            if (closed || amount <= 0 || amount > balance) {
                throw new IllegalArgumentException("cannot transfer " + amount + " with a balance of " + balance
                        + (closed ? " (closed)" : ""));
            }
        }

        public int transfer(int amount, String to) {         // the caller waits for this result
            counted();
            balance -= amount;                                // reserved at once: a later update sees it
            transfersInFlight++;
            try {
                note("transfer " + amount + " to " + to + " (" + payments.send(amount, to) + ")");
            } catch (ActivityFailure e) {
                balance += amount;
                note("transfer " + amount + " to " + to + " failed");
                throw e;
            } finally {
                transfersInFlight--;
            }
            return balance;
        }

        private void counted() { messages++; messagesThisRun++; }

        private void note(String line) {
            statement.add(line);
            if (statement.size() > STATEMENT_LINES) {
                statement.remove(0);
            }
        }
    }
    // entity: end

    /** Payments that only print. Thread-safe. */
    public static class PrintingPayments implements Payments {
        public String send(int amount, String to) {
            System.out.println("  [payments] sent " + amount + " to " + to);
            return "receipt-" + to + "-" + amount;
        }
    }

    /**
     * What {@link #run} saw.
     *
     * @param finalBalance the account's result once closed
     * @param state        the state the last query returned before the account was closed
     * @param runs         the account's runs, newest first: the first ones continued as new, the newest completed
     */
    public record Outcome(int finalBalance, AccountState state, List<WorkflowDescription> runs) {
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args));
    }

    /**
     * Opens an account, drives it with signals, queries and updates, sends enough deposits for it to continue as new a
     * few times, and closes it.
     */
    public static Outcome run(ExampleStore where) {
        System.out.println("Account entity on " + where.describe("entity"));
        try (Engine engine = Engine.builder().store(where.fresh("entity"))
                .workflows(AccountImpl.class).activities(new PrintingPayments()).start()) {
            WorkflowClient client = engine.client();
            Account account = client.newWorkflow(Account.class, "account-alice");
            WorkflowHandle<Integer> handle = client.start(account::run, AccountState.opening(100));
            System.out.println("opened account-alice with 100 (run " + handle.runId() + ")");
            account.deposit(50);
            account.withdraw(500);
            account.withdraw(30);
            System.out.println("signals sent: deposit 50, withdraw 500, withdraw 30");
            Conditions.await("the signals are applied", Duration.ofSeconds(30), () -> account.balance() == 120);
            System.out.println("query balance: " + account.balance());
            System.out.println("update transfer 20 to bob: new balance " + account.transfer(20, "bob"));
            try {
                account.transfer(1000, "mallory");
            } catch (WorkflowUpdateException e) {
                System.out.println("update transfer 1000 to mallory: rejected=" + e.rejected() + ", "
                        + e.getCause().getMessage());
            }
            for (int i = 0; i < 2 * MESSAGES_PER_RUN; i++) {
                account.deposit(1);
            }
            System.out.println("signals sent: " + 2 * MESSAGES_PER_RUN + " deposits of 1");
            Conditions.await("the deposits are applied", Duration.ofSeconds(30), () -> account.balance() == 200);
            AccountState state = account.state();
            WorkflowDescription current = client.describe("account-alice");
            System.out.println("query state: balance " + state.balance() + " after " + state.messages()
                    + " messages, answered by run " + state.run() + " of the account (" + current.runId() + ", "
                    + current.historyLength() + " events so far)");
            account.close();
            int balance = handle.result(Duration.ofSeconds(30));   // the first run's handle follows the chain
            List<WorkflowDescription> runs = client.list(WorkflowListQuery.all().withWorkflowType("Account"))
                    .workflows().stream().filter(r -> r.workflowId().equals("account-alice")).toList();
            System.out.println("closed; final balance " + balance + " after " + runs.size() + " runs");
            System.out.println("statement (last " + STATEMENT_LINES + " lines): " + state.statement());
            return new Outcome(balance, state, runs);
        }
    }
}
