package dev.ratchet.examples.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowHistoryEvent;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.entity.AccountEntity.Account;
import dev.ratchet.examples.entity.AccountEntity.AccountImpl;
import dev.ratchet.examples.entity.AccountEntity.AccountState;
import dev.ratchet.examples.entity.AccountEntity.Outcome;
import dev.ratchet.examples.support.Conditions;
import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountEntityTest {
    @Test
    void signalsQueriesAndUpdatesDriveTheAccountAcrossContinuations(@TempDir Path dir) {
        Outcome outcome = AccountEntity.run(ExampleStore.h2(dir));

        // 100 + 50 - 30 - 20 (transfer) + 100 deposits of 1; the refused withdrawal and the rejected transfer changed
        // nothing
        assertThat(outcome.finalBalance()).isEqualTo(200);
        AccountState state = outcome.state();
        assertThat(state.balance()).isEqualTo(200);
        assertThat(state.messages()).as("3 signals, 1 accepted update, 100 deposits").isEqualTo(104);
        assertThat(state.statement()).hasSize(AccountEntity.STATEMENT_LINES).containsOnly("+1");

        List<WorkflowDescription> runs = outcome.runs();     // newest first
        assertThat(runs).as("104 messages at %d per run", AccountEntity.MESSAGES_PER_RUN).hasSizeGreaterThan(1);
        assertThat(state.run()).as("the query was answered by the latest run").isEqualTo(runs.size());
        assertThat(runs.get(0).status()).as("the latest run").isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(runs.subList(1, runs.size())).allSatisfy(r -> assertThat(r.status())
                .isEqualTo(WorkflowStatus.CONTINUED_AS_NEW));
        assertThat(runs).extracting(WorkflowDescription::runId).doesNotHaveDuplicates();
        for (WorkflowDescription continued : runs.subList(1, runs.size())) {
            // each continued run took at least its share of messages, each adding a few events; none grew unbounded
            assertThat(continued.historyLength()).isBetween((long) AccountEntity.MESSAGES_PER_RUN,
                    6L * AccountEntity.MESSAGES_PER_RUN);
        }
    }

    @Test
    void noSignalIsLostOrRefusedWhileTheAccountContinuesAsNew(@TempDir Path dir) throws Exception {
        int senders = 4;
        int depositsEach = 60;
        try (Engine engine = Engine.builder().store(ExampleStore.h2(dir).fresh("entity-race"))
                .workflows(AccountImpl.class).activities(new AccountEntity.PrintingPayments()).start();
                ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            WorkflowClient client = engine.client();
            Account account = client.newWorkflow(Account.class, "account-bob");
            WorkflowHandle<Integer> first = client.start(account::run, AccountState.opening(0));

            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < depositsEach; i++) {
                        account.deposit(1);                  // each returns once durable, whichever run takes it
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();                                     // rethrows a signal that was refused
            }
            Conditions.await("every deposit is applied", Duration.ofSeconds(30),
                    () -> account.state().messages() == senders * depositsEach);
            AccountState state = account.state();
            assertThat(state.balance()).isEqualTo(senders * depositsEach);
            assertThat(state.messages()).isEqualTo(senders * depositsEach);
            assertThat(state.run()).as("runs after %d messages", senders * depositsEach).isGreaterThan(1);

            account.close();
            assertThat(first.result(Duration.ofSeconds(30))).as("the first run's handle follows the chain")
                    .isEqualTo(senders * depositsEach);
            WorkflowDescription last = client.describe("account-bob");
            assertThat(last.runId()).isNotEqualTo(first.runId());
            List<WorkflowHistoryEvent> history = client.fetchHistory("account-bob");
            assertThat(history.get(0).type()).isEqualTo("WorkflowStarted");
            assertThat(history).hasSizeLessThan(6 * AccountEntity.MESSAGES_PER_RUN);
            assertThat(history).extracting(WorkflowHistoryEvent::type).last().isEqualTo("WorkflowCompleted");
        }
    }
}
