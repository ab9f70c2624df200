package dev.ratchet.examples.entity;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.UpdateMethod;
import dev.ratchet.api.UpdateValidatorMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
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
 * close), a query reads it, and an update (a transfer) is checked by its validator before it is accepted, then runs
 * an activity and returns the new balance to its caller. The workflow method just waits, with
 * {@code Workflow.await}, until the account is closed.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.entity.AccountEntity [-Ddemo.args=--postgres]</pre>
 */
public final class AccountEntity {
    private AccountEntity() {
    }

    // entity: begin
    @WorkflowInterface
    public interface Account {
        @WorkflowMethod int open(int openingBalance);   // runs until closed; returns the final balance
        @SignalMethod void deposit(int amount);
        @SignalMethod void withdraw(int amount);
        @SignalMethod void close();
        @QueryMethod int balance();
        @QueryMethod List<String> statement();
        @UpdateMethod int transfer(int amount, String to);
        @UpdateValidatorMethod(updateName = "transfer") void checkTransfer(int amount, String to);
    }

    @ActivityInterface
    public interface Payments { String send(int amount, String to); }

    public static class AccountImpl implements Account {
        private final Payments payments = Workflow.activities(Payments.class, ActivityOptions.of(Duration.ofSeconds(10)));
        private final List<String> statement = new ArrayList<>();
        private int balance;
        private boolean closed;

        public int open(int openingBalance) {
            balance = openingBalance;
            statement.add("opened with " + openingBalance);
            // Every signal and update adds events to this run's history. Once continue-as-new is available, a
            // long-lived account will continue as a new run (carrying its balance) every few thousand events.
            Workflow.await(() -> closed);
            statement.add("closed");
            return balance;
        }

        public void deposit(int amount) { balance += amount; statement.add("+" + amount); }

        public void withdraw(int amount) {          // a signal cannot answer: refuse silently, but say so
            if (amount > balance) { statement.add("refused -" + amount); return; }
            balance -= amount;
            statement.add("-" + amount);
        }

        public void close() { closed = true; }

        public int balance() { return balance; }

        public List<String> statement() { return statement; }

        public void checkTransfer(int amount, String to) {   // rejects before anything is recorded
            if (amount <= 0 || amount > balance) {
                throw new IllegalArgumentException("cannot transfer " + amount + " with a balance of " + balance);
            }
        }

        public int transfer(int amount, String to) {         // the caller waits for this result
            balance -= amount;                                // reserved at once: a later update sees it
            String receipt = payments.send(amount, to);
            statement.add("transfer " + amount + " to " + to + " (" + receipt + ")");
            return balance;
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

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args));
    }

    /** Opens an account, drives it with signals, queries and updates, closes it; returns the final statement. */
    public static List<String> run(ExampleStore where) {
        System.out.println("Account entity on " + where.describe("entity"));
        try (Engine engine = Engine.builder().store(where.fresh("entity"))
                .workflows(AccountImpl.class).activities(new PrintingPayments()).start()) {
            Account account = engine.client().newWorkflow(Account.class, "account-alice");
            WorkflowHandle<Integer> run = engine.client().start(account::open, 100);
            System.out.println("opened account-alice with 100");
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
            List<String> statement = account.statement();
            account.close();
            System.out.println("closed; final balance " + run.result(Duration.ofSeconds(30)));
            System.out.println("statement: " + statement);
            return statement;
        }
    }
}
