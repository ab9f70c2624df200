package dev.ratchet.examples.approval;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.Conditions;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Human approval: an expense waits for a person's {@code approve} signal, for at most 24 hours on a durable timer
 * ({@code Workflow.await(timeout, condition)}); without an answer it escalates to a manager. The wait survives
 * restarts and deploys: the timer and the signal are in the store. This program approves one expense and leaves
 * another waiting; {@code ExpenseApprovalTest} lets its 24 hours pass in milliseconds with a time-skipping test
 * environment.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.approval.ExpenseApproval [-Ddemo.args=--postgres]</pre>
 */
public final class ExpenseApproval {
    private ExpenseApproval() {
    }

    /** An expense claim. */
    public record Expense(String id, String employee, int amount) {
    }

    // approval: begin
    @ActivityInterface
    public interface Finance {
        void pay(Expense expense, String approver);
        void escalate(Expense expense, String manager);
    }

    @WorkflowInterface
    public interface ExpenseWorkflow {
        @WorkflowMethod String submit(Expense expense);
        @SignalMethod void approve(String approver);
        @QueryMethod String status();
    }

    public static class ExpenseWorkflowImpl implements ExpenseWorkflow {
        public static final Duration APPROVAL_WINDOW = Duration.ofHours(24);
        private final Finance finance = Workflow.activities(Finance.class, ActivityOptions.of(Duration.ofSeconds(10)));
        private String approver;
        private String status = "waiting for approval";

        public String submit(Expense expense) {
            if (Workflow.await(APPROVAL_WINDOW, () -> approver != null)) {   // false when the 24 h passed first
                finance.pay(expense, approver);
                status = "paid, approved by " + approver;
            } else {
                finance.escalate(expense, "manager-of-" + expense.employee());
                status = "escalated after " + APPROVAL_WINDOW.toHours() + " h without approval";
            }
            return status;
        }

        public void approve(String approver) { this.approver = approver; }

        public String status() { return status; }
    }
    // approval: end

    /** Finance that records what it did. Thread-safe. */
    public static class RecordingFinance implements Finance {
        /** What finance did, in order. */
        public final List<String> done = new CopyOnWriteArrayList<>();

        public void pay(Expense expense, String approver) {
            record("paid " + expense.amount() + " to " + expense.employee() + " for " + expense.id());
        }

        public void escalate(Expense expense, String manager) {
            record("escalated " + expense.id() + " to " + manager);
        }

        private void record(String line) {
            done.add(line);
            System.out.println("  [finance] " + line);
        }
    }

    public static void main(String[] args) {
        ExampleStore where = ExampleStore.fromArgs(args);
        System.out.println("Expense approval on " + where.describe("approval"));
        try (Engine engine = Engine.builder().store(where.fresh("approval"))
                .workflows(ExpenseWorkflowImpl.class).activities(new RecordingFinance()).start()) {
            System.out.println("expense-1: " + approveOne(engine));

            ExpenseWorkflow second = engine.client().newWorkflow(ExpenseWorkflow.class, "expense-2");
            engine.client().start(second::submit, new Expense("expense-2", "bob", 900));
            System.out.println("expense-2: " + second.status() + "; nobody approves it, so it escalates in 24 h."
                    + " It waits in the store; ExpenseApprovalTest skips the 24 h.");
        }
    }

    /** Submits expense-1, approves it and returns its outcome. */
    static String approveOne(Engine engine) {
        ExpenseWorkflow expense = engine.client().newWorkflow(ExpenseWorkflow.class, "expense-1");
        WorkflowHandle<String> handle = engine.client().start(expense::submit, new Expense("expense-1", "alice", 120));
        Conditions.await("expense-1 waits", Duration.ofSeconds(30), () -> expense.status().startsWith("waiting"));
        System.out.println("expense-1: " + expense.status() + "; carol approves it");
        expense.approve("carol");
        return handle.result(Duration.ofSeconds(30));
    }
}
