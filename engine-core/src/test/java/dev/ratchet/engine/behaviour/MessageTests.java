package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.WorkflowClosedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowHistoryEvent;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.api.WorkflowQueryException;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.api.WorkflowUpdateException;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.MessageWorkflows.Account;
import dev.ratchet.engine.behaviour.MessageWorkflows.AccountImpl;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signals, queries and updates on an entity workflow (a bank account): live, after the run was evicted from the
 * cache, across an engine restart (signals sent while no engine runs the workflow are delivered once one does), in
 * order, and with bad input rejected without writing anything.
 */
public abstract class MessageTests extends ToolkitBehaviour {

    @BeforeEach
    void resetMessageWorkflows() {
        MessageWorkflows.reset();
    }

    @Test
    void signalsQueriesAndUpdatesDriveAnEntityLive() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-live");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 100);
        account.deposit(50);
        account.withdraw(30);
        awaitBalance(account, 120);
        assertThat(account.transfer(20, "bob")).isEqualTo(100);
        assertThat(account.ledger()).containsExactly("open 100", "+50", "-30", "transfer 20 to BOB");
        account.closeAccount();
        assertThat(h.result(WAIT)).isEqualTo(100);
        assertThat(eventTypes(h.runId())).contains("SignalReceived", "UpdateAccepted", "ActivityScheduled",
                "UpdateCompleted");
        assertThat(events(h.runId(), "UpdateCompleted").get(0).get("result").asInt()).isEqualTo(100);
    }

    @Test
    void aRejectedUpdateLeavesNoTraceAndAFailedOneIsRecorded() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-reject");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 10);
        List<String> before = eventTypes(h.runId());
        assertThatThrownBy(() -> account.transfer(1000, "bob"))
                .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isTrue())
                .hasMessageContaining("rejected by its validator")
                .hasMessageContaining("cannot transfer 1000 with a balance of 10");
        assertThat(eventTypes(h.runId())).isEqualTo(before);

        assertThatThrownBy(() -> account.freeze("audit"))
                .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isFalse())
                .hasMessageContaining("account frozen: audit");
        assertThat(events(h.runId(), "UpdateCompleted").get(0).has("failure")).isTrue();
        assertThat(account.balance()).isEqualTo(10);
    }

    @Test
    void aValidatorSeesTheStateTheUpdateWouldRunAgainst() throws Exception {
        Engine host = engine(AccountImpl.class);
        Engine other = start(builder()); // stores signals without taking the host's run lock
        Account account = host.client().newWorkflow(Account.class, "acct-atomic");
        WorkflowHandle<Integer> h = host.client().start(account::run, 100);
        awaitBalance(account, 100);
        CountDownLatch release = new CountDownLatch(1);
        MessageWorkflows.holdValidator = release;
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> transfer = caller.submit(() -> account.transfer(80, "bob"));
            assertThat(MessageWorkflows.validatorHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // while the validator looks at a balance of 100, another engine records a withdrawal of 50
            other.client().newWorkflow(Account.class, "acct-atomic").withdraw(50);
            Await.until(WAIT, "the withdrawal recorded", () -> count(h.runId(), "SignalReceived") == 1);
            release.countDown();

            assertThatThrownBy(() -> transfer.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isTrue())
                    .hasMessageContaining("cannot transfer 80 with a balance of 50");
        } finally {
            release.countDown();
            caller.shutdownNow();
        }
        assertThat(MessageWorkflows.VALIDATIONS.get()).as("validated again on the new state").isEqualTo(2);
        assertThat(eventTypes(h.runId())).doesNotContain("UpdateAccepted");
        awaitBalance(account, 50);
        assertThat(account.transfer(50, "carol")).isEqualTo(0);
        assertThat(account.ledger()).containsExactly("open 100", "-50", "transfer 50 to CAROL");
    }

    @Test
    void anEngineWithoutTheWorkflowTypeSendsUpdatesSignalsAndQueriesToTheEngineHostingIt() {
        Engine host = engine(AccountImpl.class);
        Engine clientOnly = start(builder());
        Account account = clientOnly.client().newWorkflow(Account.class, "acct-remote");
        WorkflowHandle<Integer> h = clientOnly.client().start(account::run, 100);
        account.deposit(20);
        Await.until(WAIT, "the host ran the workflow", () -> eventTypes(h.runId()).contains("WorkflowTaskCompleted"));
        awaitBalance(account, 120);
        assertThat(account.transfer(70, "dan")).isEqualTo(50);
        List<String> before = eventTypes(h.runId());
        assertThatThrownBy(() -> account.transfer(60, "eve"))
                .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isTrue())
                .hasMessageContaining("cannot transfer 60 with a balance of 50");
        assertThat(eventTypes(h.runId())).as("a rejection leaves no trace").isEqualTo(before);
        assertThatThrownBy(() -> account.freeze("audit"))
                .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isFalse())
                .hasMessageContaining("account frozen: audit");
        assertThat(account.ledger()).containsExactly("open 100", "+20", "transfer 70 to DAN");
        assertThatThrownBy(account::sleepyQuery).isInstanceOf(WorkflowQueryException.class)
                .hasMessageContaining("read-only");
        assertThat(count(h.runId(), "UpdateAccepted")).isEqualTo(2);
        account.closeAccount();
        assertThat(h.result(WAIT)).isEqualTo(50);
        assertThat(account.balance()).as("a closed run still answers").isEqualTo(50);
        assertThat(host.client().describe("acct-remote").status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void anUpdateOrQueryNoEngineCanHandleIsWithdrawnAndChangesNothing() {
        Engine first = engine(AccountImpl.class);
        Account started = first.client().newWorkflow(Account.class, "acct-unhosted");
        WorkflowHandle<Integer> h = first.client().start(started::run, 10);
        awaitBalance(started, 10);
        stop(first);
        Engine clientOnly = start(builder());
        Account account = clientOnly.client().newWorkflow(Account.class, "acct-unhosted");
        List<String> before = eventTypes(h.runId());
        assertThatThrownBy(() -> account.transfer(5, "x"))
                .isInstanceOfSatisfying(WorkflowUpdateException.class, e -> assertThat(e.rejected()).isTrue())
                .hasMessageContaining("no engine that registers it").hasMessageContaining("withdrawn")
                .hasMessageContaining("nothing was recorded");
        assertThatThrownBy(account::balance).isInstanceOf(WorkflowQueryException.class)
                .hasMessageContaining("no engine that registers it");
        assertThat(eventTypes(h.runId())).isEqualTo(before);

        engine(AccountImpl.class); // a host again: the same calls work
        assertThat(account.transfer(5, "x")).isEqualTo(5);
        assertThat(account.balance()).isEqualTo(5);
    }

    @Test
    void messagesWorkTheSameAfterEviction() {
        Engine engine = evictingEngine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-evicted");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 100);
        account.deposit(5);
        evictCachedRuns(engine);
        assertThat(account.balance()).isEqualTo(105); // answered from a replayed copy
        assertThat(MessageWorkflows.REPLAYS.get()).isPositive();
        account.deposit(7);
        evictCachedRuns(engine);
        awaitBalance(account, 112);
        evictCachedRuns(engine);
        assertThat(account.transfer(12, "carol")).isEqualTo(100);
        evictCachedRuns(engine);
        assertThat(account.ledger()).containsExactly("open 100", "+5", "+7", "transfer 12 to CAROL");
        account.closeAccount();
        assertThat(h.result(WAIT)).isEqualTo(100);
    }

    @Test
    void signalsSentWhileNoEngineRunsTheWorkflowAreDeliveredAfterARestart() {
        Engine first = engine(AccountImpl.class);
        Account account = first.client().newWorkflow(Account.class, "acct-restart");
        WorkflowHandle<Integer> h = first.client().start(account::run, 1);
        account.deposit(2);
        stop(first);

        Engine clientOnly = start(builder()); // registers no workflow: it can only store messages
        Account remote = clientOnly.client().newWorkflow(Account.class, "acct-restart");
        remote.deposit(3);
        remote.withdraw(4);
        assertThat(count(h.runId(), "SignalReceived")).isEqualTo(3);
        // a query or update needs an engine with the workflow's code: none runs now, so it is withdrawn
        assertThatThrownBy(remote::balance).isInstanceOf(WorkflowQueryException.class)
                .hasMessageContaining("does not register workflow type 'Account'");
        assertThat(count(h.runId(), "UpdateAccepted")).isZero();

        Engine second = engine(AccountImpl.class);
        Account again = second.client().newWorkflow(Account.class, "acct-restart");
        awaitBalance(again, 2);
        assertThat(again.ledger()).containsExactly("open 1", "+2", "+3", "-4");
        assertThat(again.transfer(2, "dave")).isZero();
        remote.closeAccount();
        assertThat(second.client().handle("acct-restart", Integer.class).result(WAIT)).isZero();
    }

    @Test
    void manySignalsArriveInTheOrderTheyWereSent() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-order");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 0);
        IntStream.rangeClosed(1, 20).forEach(account::deposit);
        awaitBalance(account, 210);
        List<String> expected = new java.util.ArrayList<>(List.of("open 0"));
        IntStream.rangeClosed(1, 20).forEach(i -> expected.add("+" + i));
        assertThat(account.ledger()).isEqualTo(expected);
        assertThat(events(h.runId(), "SignalReceived").stream().map(a -> a.get("input").get(0).asInt()).toList())
                .isEqualTo(IntStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void signalWithStartStartsTheWorkflowWithTheSignalOrSignalsTheOpenRun() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-sws");
        WorkflowHandle<Integer> h = engine.client().signalWithStart(() -> account.run(10), () -> account.deposit(5));
        assertThat(eventTypes(h.runId()).subList(0, 3)).containsExactly("WorkflowStarted", "SignalReceived",
                "WorkflowTaskCompleted");
        WorkflowHandle<Integer> again = engine.client().signalWithStart(() -> account.run(99),
                () -> account.deposit(1));
        assertThat(again.runId()).isEqualTo(h.runId());
        awaitBalance(account, 16);
        assertThat(account.ledger()).containsExactly("open 10", "+5", "+1");
        account.closeAccount();
        assertThat(h.result(WAIT)).isEqualTo(16);
        Account strict = engine.client().newWorkflow(Account.class, dev.ratchet.api.WorkflowOptions.of("acct-sws")
                .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.REJECT_DUPLICATE));
        assertThatThrownBy(() -> engine.client().signalWithStart(() -> strict.run(1), () -> strict.deposit(1)))
                .isInstanceOf(dev.ratchet.api.WorkflowAlreadyStartedException.class);
    }

    @Test
    void messagesToUnknownOrClosedWorkflowsAndStateChangingQueriesFailClearlyAndWriteNothing() {
        Engine engine = engine(AccountImpl.class);
        Account unknown = engine.client().newWorkflow(Account.class, "acct-nobody");
        assertThatThrownBy(() -> unknown.deposit(1)).isInstanceOf(WorkflowNotFoundException.class)
                .hasMessageContaining("acct-nobody");
        assertThatThrownBy(unknown::balance).isInstanceOf(WorkflowNotFoundException.class);

        Account account = engine.client().newWorkflow(Account.class, "acct-bad");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 1);
        List<String> before = eventTypes(h.runId());
        assertThatThrownBy(account::sleepyQuery).isInstanceOf(WorkflowQueryException.class)
                .hasMessageContaining("read-only").hasMessageContaining("sleepyQuery");
        assertThatThrownBy(account::activityQuery).isInstanceOf(WorkflowQueryException.class)
                .hasMessageContaining("read-only").hasMessageContaining("issue a command");
        assertThat(eventTypes(h.runId())).isEqualTo(before);
        assertThat(account.balance()).isEqualTo(1); // the run is unharmed

        ToolkitWorkflows.Idle other = engine.client().newWorkflow(ToolkitWorkflows.Idle.class, "acct-bad");
        assertThatThrownBy(other::run).isInstanceOf(InvalidArgumentException.class);

        account.closeAccount();
        assertThat(h.result(WAIT)).isEqualTo(1);
        assertThatThrownBy(() -> account.deposit(1))
                .isInstanceOfSatisfying(WorkflowClosedException.class,
                        e -> assertThat(e.status()).isEqualTo(WorkflowStatus.COMPLETED))
                .hasMessageContaining("acct-bad");
        assertThatThrownBy(() -> account.transfer(1, "x")).isInstanceOf(WorkflowClosedException.class);
        assertThat(account.balance()).isEqualTo(1); // a finished run still answers queries
        assertThat(count(h.runId(), "SignalReceived")).isEqualTo(1);
    }

    @Test
    void handlersWithBadSignaturesAreRejectedAtRegistration() {
        assertThatThrownBy(() -> Engine.builder().workflows(MessageWorkflows.BadSignalImpl.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("must return void");
        assertThatThrownBy(() -> Engine.builder().workflows(MessageWorkflows.BadValidatorImpl.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("same parameters");
    }

    @Test
    void aHistoryWithASignalTheCodeNoLongerHandlesIsReportedAsNonDeterministic() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-nd");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 1);
        account.deposit(2);
        Await.until(WAIT, "signal recorded", () -> count(h.runId(), "WorkflowTaskCompleted") == 2);
        assertThat(replay(AccountImpl.class, "acct-nd", h.runId())).isFalse();
        assertThatThrownBy(() -> replay(MessageWorkflows.AccountWithoutDepositImpl.class, "acct-nd", h.runId()))
                .isInstanceOf(NonDeterminismException.class)
                .hasMessageContaining("SignalReceived(name=deposit)");
    }

    @Test
    void fetchHistoryReturnsTheRecordedEvents() {
        Engine engine = engine(AccountImpl.class);
        Account account = engine.client().newWorkflow(Account.class, "acct-history");
        WorkflowHandle<Integer> h = engine.client().start(account::run, 3);
        account.deposit(4);
        List<WorkflowHistoryEvent> history = engine.client().fetchHistory("acct-history");
        assertThat(history.stream().map(WorkflowHistoryEvent::type).toList()).isEqualTo(eventTypes(h.runId()));
        assertThat(history.get(0).seq()).isEqualTo(1);
        assertThat(history.stream().filter(e -> e.type().equals("SignalReceived")).findFirst().orElseThrow()
                .attributes()).contains("\"name\":\"deposit\"");
        assertThatThrownBy(() -> engine.client().fetchHistory("nope")).isInstanceOf(WorkflowNotFoundException.class);
    }

    private static void awaitBalance(Account account, int expected) {
        Await.until(WAIT, "balance " + expected, () -> account.balance() == expected);
    }
}
