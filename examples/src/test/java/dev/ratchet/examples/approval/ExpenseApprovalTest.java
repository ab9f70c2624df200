package dev.ratchet.examples.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.examples.approval.ExpenseApproval.Expense;
import dev.ratchet.examples.approval.ExpenseApproval.ExpenseWorkflow;
import dev.ratchet.examples.approval.ExpenseApproval.ExpenseWorkflowImpl;
import dev.ratchet.examples.approval.ExpenseApproval.RecordingFinance;
import dev.ratchet.testing.RatchetExtension;
import dev.ratchet.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExpenseApprovalTest {
    // approval test: begin
    private final RecordingFinance finance = new RecordingFinance();

    @RegisterExtension
    final RatchetExtension ratchet = RatchetExtension.of(env -> env
            .workflows(ExpenseWorkflowImpl.class).activities(finance));

    @Test
    @Timeout(5)
    void escalatesAfter24HoursWithoutApproval(TestWorkflowEnvironment env) {
        ExpenseWorkflow expense = env.client().newWorkflow(ExpenseWorkflow.class, "expense-2");
        Instant submitted = env.currentTime();
        long realStart = System.nanoTime();

        String outcome = expense.submit(new Expense("expense-2", "bob", 900));   // 24 h of virtual time

        assertThat(outcome).isEqualTo("escalated after 24 h without approval");
        assertThat(finance.done).containsExactly("escalated expense-2 to manager-of-bob");
        assertThat(Duration.between(submitted, env.currentTime())).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Timeout(5)
    void isPaidWhenApprovedWithinTheWindow(TestWorkflowEnvironment env) {
        ExpenseWorkflow expense = env.client().newWorkflow(ExpenseWorkflow.class, "expense-1");
        WorkflowHandle<String> handle = env.client().start(expense::submit, new Expense("expense-1", "alice", 120));
        env.sleep(Duration.ofHours(23));                           // 23 h pass at once; still waiting
        assertThat(expense.status()).isEqualTo("waiting for approval");

        expense.approve("carol");

        assertThat(handle.result(Duration.ofSeconds(5))).isEqualTo("paid, approved by carol");
        assertThat(finance.done).containsExactly("paid 120 to alice for expense-1");
    }
    // approval test: end
}
