package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ChildWorkflows.ChangedParentImpl;
import dev.ratchet.engine.behaviour.ChildWorkflows.ChildImpl;
import dev.ratchet.engine.behaviour.ChildWorkflows.Parent;
import dev.ratchet.engine.behaviour.ChildWorkflows.ParentImpl;
import dev.ratchet.engine.behaviour.ChildWorkflows.Receiver;
import dev.ratchet.engine.behaviour.ChildWorkflows.ReceiverImpl;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Child workflows (sync, async, results, failures, deterministic IDs, parent-close policies) and signal/cancel of
 * other workflows from workflow code; live, after eviction and across an engine restart.
 */
public abstract class ChildWorkflowTests extends ToolkitBehaviour {
    private static final Class<?>[] ALL = {ParentImpl.class, ChildImpl.class, ReceiverImpl.class,
        ChildWorkflows.CounterImpl.class};

    private static WorkflowHandle<String> parent(Engine engine, String id, String mode) {
        Parent wf = engine.client().newWorkflow(Parent.class, id);
        return engine.client().start(wf::run, mode);
    }

    @Test
    void aSyncChildReturnsItsResultAndGetsADerivedId() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-sync", "sync");
        assertThat(h.result(WAIT)).isEqualTo("A");
        String childRunId = run("p-sync/1").orElseThrow().runId();
        assertThat(attrs(history(childRunId).get(0)).path("parentRunId").asText()).isEqualTo(h.runId());
        assertThat(attrs(history(childRunId).get(0)).path("parentWorkflowId").asText()).isEqualTo("p-sync");
        assertThat(eventTypes(h.runId())).containsSubsequence("ChildWorkflowInitiated", "ChildWorkflowStarted",
                "ChildWorkflowCompleted", "WorkflowCompleted");
        assertThat(count(h.runId(), "ChildWorkflowCompleted")).isEqualTo(1);
    }

    @Test
    void asyncChildrenRunInParallel() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-async", "async");
        assertThat(h.result(WAIT)).isEqualTo("C0+C1+C2+");
        assertThat(run("p-async/1")).isPresent();
        assertThat(run("p-async/2")).isPresent();
        assertThat(run("p-async/3")).isPresent();
        // all three were initiated by one workflow task
        assertThat(eventTypes(h.runId()).subList(2, 5)).containsOnly("ChildWorkflowInitiated");
    }

    @Test
    void aChildFailureReachesTheParent() {
        Engine engine = engine(ALL);
        assertThat(parent(engine, "p-fail", "fail").result(WAIT)).isEqualTo("caught p-fail/1 Child Boom true");
    }

    @Test
    void aChildSurvivesEvictionOfItsParent() {
        closeGate();
        Engine engine = evictingEngine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-evict", "block");
        awaitBlockingCall("block-x");
        evictCachedRuns(engine);
        openGate();
        assertThat(h.result(WAIT)).isEqualTo("BLOCK-X");
    }

    @Test
    void aChildCompletesAcrossAnEngineRestart() {
        closeGate();
        Engine first = engine(ALL);
        WorkflowHandle<String> h = parent(first, "p-restart", "block");
        awaitBlockingCall("block-x");
        stop(first);
        openGate();
        // the new engine's clock is past the parent's watch timer, which re-drives the close notification
        Engine second = engineAhead(Duration.ofMinutes(2), ALL);
        assertThat(second.client().handle("p-restart", String.class).result(WAIT)).isEqualTo("BLOCK-X");
        assertThat(count(h.runId(), "ChildWorkflowCompleted")).isEqualTo(1);
    }

    @Test
    void aChildClosingOnARestartedEngineReachesItsParentAtOnce() {
        closeGate();
        Engine first = engine(ALL);
        WorkflowHandle<String> h = parent(first, "p-restart2", "block");
        awaitBlockingCall("block-x");
        stop(first);
        openGate();
        // same clock: the watch timer is not due, so the engine that rebuilt the child from history reports its close
        Engine second = engine(ALL);
        assertThat(second.client().handle("p-restart2", String.class).result(WAIT)).isEqualTo("BLOCK-X");
        assertThat(count(h.runId(), "ChildWorkflowWatched")).isZero();
    }

    /** The runs of the child chain of workflow ID {@code childId}, first to last. */
    private List<String> childChain(String childId) {
        List<String> runs = new java.util.ArrayList<>();
        String runId = run(childId).map(r -> r.runId()).orElse(null);
        while (runId != null) {
            runs.add(0, runId);
            String current = runId;
            runId = read(s -> s.findRun(current)).orElseThrow().replacesRunId();
        }
        return runs;
    }

    private void assertChainReported(WorkflowHandle<String> parent, String childId, int runs) {
        List<String> chain = childChain(childId);
        assertThat(chain).hasSize(runs);
        for (String continued : chain.subList(0, runs - 1)) {
            assertThat(read(s -> s.findRun(continued)).orElseThrow().status()).isEqualTo(RunStatus.CONTINUED_AS_NEW);
        }
        assertThat(count(parent.runId(), "ChildWorkflowFailed")).isZero();
        assertThat(count(parent.runId(), "ChildWorkflowCompleted")).isEqualTo(1);
        assertThat(events(parent.runId(), "ChildWorkflowCompleted").get(0).path("runId").asText())
                .as("the close reported is the last run's").isEqualTo(chain.get(runs - 1));
    }

    @Test
    void aChildThatContinuesAsNewGivesItsParentTheResultOfItsLastRun() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-chain", "chain:3:false");
        assertThat(h.result(WAIT)).isEqualTo("counted 3");
        assertChainReported(h, "p-chain-counter", 3);
    }

    @Test
    void aContinuedChildReachesItsParentAfterEviction() {
        Engine engine = evictingEngine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-chain-evict", "chain:2:true");
        Await.until(WAIT, "the child's last run waiting", () -> childChain("p-chain-evict-counter").size() == 2
                && eventTypes(run("p-chain-evict-counter").orElseThrow().runId()).contains("WorkflowTaskCompleted"));
        evictCachedRuns(engine);
        engine.client().newWorkflow(ChildWorkflows.Counter.class, "p-chain-evict-counter").go();
        assertThat(h.result(WAIT)).isEqualTo("counted 2");
        assertChainReported(h, "p-chain-evict-counter", 2);
    }

    @Test
    void aContinuedChildReachesItsParentFromAnEngineRestartedWithItsLastRun() {
        Engine first = engine(ALL);
        WorkflowHandle<String> h = parent(first, "p-chain-restart", "chain:3:true");
        Await.until(WAIT, "the child's last run waiting", () -> childChain("p-chain-restart-counter").size() == 3
                && eventTypes(run("p-chain-restart-counter").orElseThrow().runId())
                        .contains("WorkflowTaskCompleted"));
        stop(first);

        // same clock: the parent's watch timer is not due; the engine rebuilding the child's last run finds the parent
        // in the WorkflowStarted event that run inherited, and reports the close at once
        Engine second = engine(ALL);
        second.client().newWorkflow(ChildWorkflows.Counter.class, "p-chain-restart-counter").go();
        assertThat(second.client().handle("p-chain-restart", String.class).result(WAIT)).isEqualTo("counted 3");
        assertChainReported(h, "p-chain-restart-counter", 3);
        assertThat(count(h.runId(), "ChildWorkflowWatched")).isZero();
        String last = run("p-chain-restart-counter").orElseThrow().runId();
        assertThat(attrs(history(last).get(0)).path("parentRunId").asText()).isEqualTo(h.runId());
    }

    @Test
    void aContinuedChildIsFoundByItsParentsWatchTimerAfterARestart() {
        Engine first = engine(ALL);
        WorkflowHandle<String> h = parent(first, "p-chain-watch", "chain:2:true");
        Await.until(WAIT, "the child's last run waiting", () -> childChain("p-chain-watch-counter").size() == 2
                && eventTypes(run("p-chain-watch-counter").orElseThrow().runId()).contains("WorkflowTaskCompleted"));
        stop(first);

        // the new engine's clock is past the parent's watch timer, which re-drives the child's latest run
        Engine second = engineAhead(Duration.ofMinutes(2), ALL);
        Await.until(WAIT, "the watch re-armed", () -> count(h.runId(), "ChildWorkflowWatched") > 0);
        second.client().newWorkflow(ChildWorkflows.Counter.class, "p-chain-watch-counter").go();
        assertThat(second.client().handle("p-chain-watch", String.class).result(WAIT)).isEqualTo("counted 2");
        assertChainReported(h, "p-chain-watch-counter", 2);
    }

    @Test
    void cancelingTheScopeOfAChildCancelsTheChild() {
        Engine engine = engine(ALL);
        assertThat(parent(engine, "p-scope", "scope").result(WAIT)).isEqualTo("scope canceled");
        Await.until(WAIT, "child canceled", () -> run("p-scope-child").orElseThrow().status() != RunStatus.RUNNING);
        assertThat(eventTypes(run("p-scope-child").orElseThrow().runId())).contains("WorkflowCancelRequested");
    }

    @Test
    void parentClosePolicyTerminate() {
        Engine engine = engine(ALL);
        parent(engine, "p-term", "policy:TERMINATE").result(WAIT);
        Await.until(WAIT, "child terminated", () -> run("p-term-child").orElseThrow().status() == RunStatus.TERMINATED);
        assertThat(eventTypes(run("p-term-child").orElseThrow().runId())).contains("WorkflowTerminated");
        Await.until(WAIT, "the closed parent's policy timer deleted", () -> read(s -> s.nextTimerDue()).isEmpty());
    }

    /** An engine on this test's store that dies right after writing a commit matching {@code crashAfter}. */
    private Engine crashingEngine(CrashingStore[] holder, java.util.function.Predicate<RunCommit> crashAfter) {
        holder[0] = CrashingStore.wrap(openStore(), crashAfter);
        return start(builder().store(holder[0].store()).workflows(ALL).activities(new TestWorkflows.StepsImpl()));
    }

    private static boolean keepsPolicyTimer(RunCommit c) {
        return !c.afterCloseTimers().isEmpty();
    }

    /** Crashes the parent's engine right after its closing commit, then lets an engine that starts later finish. */
    private void assertPolicySurvivesACrash(String id, String mode, RunStatus childEnd,
            java.util.function.Predicate<RunCommit> crashAfter, java.util.function.Consumer<Engine> closeParent) {
        CrashingStore[] crashing = new CrashingStore[1];
        Engine first = crashingEngine(crashing, crashAfter);
        parent(first, id, mode);
        Await.until(WAIT, "the child running", () -> run(id + "-child").isPresent()
                && eventTypes(run(id).orElseThrow().runId()).contains("ChildWorkflowStarted"));
        closeParent.accept(first);
        Await.until(WAIT, "the parent closed", () -> run(id).orElseThrow().status().isClosed());
        assertThat(crashing[0].crashed()).isTrue();
        stop(first);
        assertThat(run(id + "-child").orElseThrow().status()).as("the policy was not applied before the crash")
                .isEqualTo(RunStatus.RUNNING);
        java.util.Optional<Long> policyTimer = read(s -> s.nextTimerDue());
        assertThat(policyTimer).as("the closed parent's policy timer").isPresent();

        // any engine fires the closed parent's policy timer once it is due
        engineAhead(Duration.ofMinutes(2), ALL);
        Await.until(WAIT, "the policy applied", () -> run(id + "-child").orElseThrow().status() == childEnd);
        Await.until(WAIT, "the policy timer deleted", () -> read(s -> s.nextTimerDue()).isEmpty());
        assertThat(eventTypes(run(id).orElseThrow().runId())).doesNotContain("ChildWorkflowCompleted");
    }

    @Test
    void parentClosePolicyTerminateIsAppliedAfterACrashFollowingTheParentsClose() {
        assertPolicySurvivesACrash("p-term-crash", "policy:TERMINATE", RunStatus.TERMINATED,
                ChildWorkflowTests::keepsPolicyTimer, e -> { });
        assertThat(eventTypes(run("p-term-crash-child").orElseThrow().runId())).containsOnlyOnce(
                "WorkflowTerminated");
    }

    @Test
    void parentClosePolicyRequestCancelIsAppliedAfterACrashFollowingTheParentsClose() {
        assertPolicySurvivesACrash("p-cancel-crash", "policy:REQUEST_CANCEL", RunStatus.CANCELED,
                ChildWorkflowTests::keepsPolicyTimer, e -> { });
        assertThat(eventTypes(run("p-cancel-crash-child").orElseThrow().runId()))
                .contains("WorkflowCancelRequested").doesNotContain("WorkflowTerminated");
    }

    @Test
    void parentClosePolicyIsAppliedAfterACrashFollowingTheParentsTermination() {
        assertPolicySurvivesACrash("p-killed-crash", "hold:TERMINATE", RunStatus.TERMINATED,
                c -> c.events().stream().anyMatch(e -> e.type().equals("WorkflowTerminated")),
                e -> e.client().terminate("p-killed-crash", "operator"));
        assertThat(run("p-killed-crash").orElseThrow().status()).isEqualTo(RunStatus.TERMINATED);
    }

    @Test
    void parentClosePolicyRequestCancel() {
        Engine engine = engine(ALL);
        parent(engine, "p-cancel", "policy:REQUEST_CANCEL").result(WAIT);
        Await.until(WAIT, "child canceled", () -> run("p-cancel-child").orElseThrow().status() != RunStatus.RUNNING);
        assertThat(eventTypes(run("p-cancel-child").orElseThrow().runId())).contains("WorkflowCancelRequested")
                .doesNotContain("WorkflowTerminated");
    }

    @Test
    void parentClosePolicyAbandon() throws InterruptedException {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-abandon", "policy:ABANDON");
        h.result(WAIT);
        Thread.sleep(500);
        assertThat(run("p-abandon-child").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aDuplicateChildIdIsRejectedInWorkflowCode() {
        Engine engine = engine(ALL);
        assertThat(parent(engine, "p-dup", "dup").result(WAIT)).isEqualTo("rejected");
    }

    @Test
    void aChildIdTakenByAnotherWorkflowFailsTheChild() {
        Engine engine = engine(ALL);
        Receiver other = engine.client().newWorkflow(Receiver.class, "taken-id");
        engine.client().start(other::run);
        assertThat(parent(engine, "p-taken", "taken:taken-id").result(WAIT)).isEqualTo("taken WorkflowAlreadyStarted");
    }

    @Test
    void aWorkflowSignalsAnotherOnce() {
        Engine engine = engine(ALL);
        Receiver r = engine.client().newWorkflow(Receiver.class, "rcv-s");
        WorkflowHandle<String> rh = engine.client().start(r::run);
        WorkflowHandle<String> h = parent(engine, "p-signal", "signal:rcv-s");
        assertThat(h.result(WAIT)).isEqualTo("sent");
        assertThat(rh.result(WAIT)).isEqualTo("hi from signal:rcv-s");
        assertThat(count(rh.runId(), "SignalReceived")).isEqualTo(1);
        assertThat(eventTypes(h.runId())).containsSubsequence("ExternalSignalInitiated", "ExternalRequestDone");
    }

    @Test
    void signalingAnUnknownWorkflowFailsInTheSender() {
        Engine engine = engine(ALL);
        assertThat(parent(engine, "p-signal-none", "signal:nobody").result(WAIT))
                .isEqualTo("not sent: ExternalWorkflowNotOpen");
    }

    @Test
    void aWorkflowCancelsAnother() {
        Engine engine = engine(ALL);
        Receiver r = engine.client().newWorkflow(Receiver.class, "rcv-c");
        WorkflowHandle<String> rh = engine.client().start(r::run);
        assertThat(parent(engine, "p-cancel-ext", "cancel:rcv-c").result(WAIT)).isEqualTo("cancel sent");
        assertThat(rh.result(WAIT)).isEqualTo("canceled");
    }

    @Test
    void aChangedChildCallIsNonDeterministic() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = parent(engine, "p-nd", "sync");
        h.result(WAIT);
        assertThat(replay(ParentImpl.class, "p-nd", h.runId())).isTrue();
        assertThatThrownBy(() -> replay(ChangedParentImpl.class, "p-nd", h.runId()))
                .isInstanceOf(NonDeterminismException.class).hasMessageContaining("ChildWorkflowInitiated");
    }
}
