package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.TerminatedFailure;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.CancelWorkflows.Cleanup;
import dev.ratchet.engine.behaviour.CancelWorkflows.CleanupImpl;
import dev.ratchet.engine.behaviour.CancelWorkflows.Partial;
import dev.ratchet.engine.behaviour.CancelWorkflows.PartialImpl;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client cancel and terminate, and cancellation scopes: live, after the run was evicted from the cache, and after an
 * engine restart.
 */
public abstract class CancellationTests extends ToolkitBehaviour {

    @BeforeEach
    void resetCancelWorkflows() {
        CancelWorkflows.reset();
    }

    private Engine cancelEngine(Class<?>... workflows) {
        return start(builder().workflows(workflows).activities(new TestWorkflows.StepsImpl(),
                new CancelWorkflows.WatchImpl()));
    }

    /** An engine that runs no workflow type at all: only its client is used. */
    private Engine clientOnly() {
        return start(builder().activities(new CancelWorkflows.WatchImpl()));
    }

    private WorkflowHandle<String> startCleanup(Engine engine, String id) {
        Cleanup wf = engine.client().newWorkflow(Cleanup.class, id);
        WorkflowHandle<String> h = engine.client().start(wf::run, LONG_PAUSE);
        awaitLongTimer(h.runId());
        return h;
    }

    private java.util.Optional<Long> nextTimer() {
        return read(s -> s.nextTimerDue());
    }

    private void assertCanceledWithCleanup(WorkflowHandle<String> h) {
        assertThatThrownBy(() -> h.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(CanceledFailure.class).hasMessageContaining("was canceled");
        assertThat(TestWorkflows.CALLS).contains("step:cleanup-true#1");
        assertThat(eventTypes(h.runId())).contains("WorkflowCancelRequested", "TimerCanceled")
                .endsWith("WorkflowFailed");
        assertThat(nextTimer()).isEmpty(); // the sleep's timer is gone from the store
    }

    @Test
    void aCanceledWorkflowCleansUpInADetachedScopeLive() {
        Engine engine = cancelEngine(CleanupImpl.class);
        WorkflowHandle<String> h = startCleanup(engine, "cancel-live");
        engine.client().cancel("cancel-live");
        assertCanceledWithCleanup(h);
    }

    @Test
    void aCanceledWorkflowCleansUpAfterEviction() {
        Engine engine = evictingEngine(CleanupImpl.class);
        WorkflowHandle<String> h = startCleanup(engine, "cancel-evicted");
        evictCachedRuns(engine);
        h.cancel();
        assertCanceledWithCleanup(h);
    }

    @Test
    void aCancelRequestIsDurableWhileNoEngineRunsTheTypeAndIsSeenAfterARestart() {
        Engine first = cancelEngine(CleanupImpl.class);
        String runId = startCleanup(first, "cancel-restart").runId();
        stop(first);
        Engine bystander = clientOnly();
        bystander.client().cancel("cancel-restart");
        assertThat(eventTypes(runId)).contains("WorkflowCancelRequested").doesNotContain("WorkflowFailed");
        stop(bystander);

        Engine second = cancelEngine(CleanupImpl.class);
        assertCanceledWithCleanup(second.client().handle("cancel-restart", String.class));
    }

    private void assertPartialCancel(WorkflowHandle<String> h) {
        assertThat(h.result(WAIT)).isEqualTo("timer=canceled,activity=canceled,heard=true,scope=true,root=false");
        assertThat(eventTypes(h.runId())).contains("TimerCanceled", "ActivityCancelRequested")
                .endsWith("WorkflowCompleted");
        // the running activity learns of it through its heartbeat
        Await.until(WAIT, "the watcher saw its cancellation", () -> CancelWorkflows.SEEN.contains("canceled:w"));
        assertThat(nextTimer()).isEmpty();
    }

    @Test
    void aScopeCancelsItsTimerAndActivityLive() {
        closeGate();
        Engine engine = cancelEngine(PartialImpl.class);
        Partial wf = engine.client().newWorkflow(Partial.class, "partial-live");
        WorkflowHandle<String> h = engine.client().start(wf::run);
        Await.until(WAIT, "watcher running", () -> CancelWorkflows.SEEN.contains("watching:w"));
        awaitBlockingCall("trigger");
        openGate();
        assertPartialCancel(h);
    }

    @Test
    void aScopeCancelsItsTimerAndActivityAfterEviction() {
        closeGate();
        Engine engine = start(builder().maxCachedRuns(1).workflows(PartialImpl.class,
                ToolkitWorkflows.IdleImpl.class).activities(new TestWorkflows.StepsImpl(),
                new CancelWorkflows.WatchImpl()));
        Partial wf = engine.client().newWorkflow(Partial.class, "partial-evicted");
        WorkflowHandle<String> h = engine.client().start(wf::run);
        Await.until(WAIT, "watcher running", () -> CancelWorkflows.SEEN.contains("watching:w"));
        awaitBlockingCall("trigger");
        evictCachedRuns(engine);
        openGate();
        assertPartialCancel(h);
    }

    /** Runs ScopeThenWait until its scope's cancellation is recorded and seen by the activity; returns the handle. */
    private WorkflowHandle<String> scopeCanceledAndWaiting(Engine engine, String id) {
        closeGate();
        CancelWorkflows.ScopeThenWait wf = engine.client().newWorkflow(CancelWorkflows.ScopeThenWait.class, id);
        WorkflowHandle<String> h = engine.client().start(wf::run);
        Await.until(WAIT, "watcher running", () -> CancelWorkflows.SEEN.contains("watching:s"));
        awaitBlockingCall("trigger");
        openGate();
        Await.until(WAIT, "the scope's cancellation recorded", () -> eventTypes(h.runId())
                .containsAll(List.of("TimerCanceled", "ActivityCancelRequested")));
        // the commit that recorded the cancellations left the code waiting for proceed()
        Await.until(WAIT, "the watcher saw its cancellation", () -> CancelWorkflows.SEEN.contains("canceled:s"));
        return h;
    }

    /** The same result as live, and each cancellation recorded once: replay matched them, issued none again. */
    private void assertScopeCanceledOnce(WorkflowHandle<String> h, String id, Engine engine) {
        List<String> before = eventTypes(h.runId());
        engine.client().newWorkflow(CancelWorkflows.ScopeThenWait.class, id).proceed();
        assertThat(h.result(WAIT)).isEqualTo("timer=canceled,activity=canceled,scope=true,root=false");
        List<String> after = eventTypes(h.runId());
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        for (String type : List.of("TimerStarted", "TimerCanceled", "ActivityCancelRequested")) {
            assertThat(count(h.runId(), type)).as(type).isEqualTo(1);
        }
        assertThat(count(h.runId(), "ActivityScheduled")).as("watch, trigger and after").isEqualTo(3);
        assertThat(after).doesNotContain("WorkflowTaskFailed").endsWith("WorkflowCompleted");
        assertThat(nextTimer()).isEmpty();
    }

    @Test
    void aCanceledScopeReplaysAfterEviction() {
        Engine engine = start(builder().maxCachedRuns(1).workflows(CancelWorkflows.ScopeThenWaitImpl.class,
                ToolkitWorkflows.IdleImpl.class).activities(new TestWorkflows.StepsImpl(),
                new CancelWorkflows.WatchImpl()));
        WorkflowHandle<String> h = scopeCanceledAndWaiting(engine, "scope-then-evict");
        evictCachedRuns(engine);
        assertScopeCanceledOnce(h, "scope-then-evict", engine);
    }

    @Test
    void aCanceledScopeReplaysAfterARestart() {
        Engine first = cancelEngine(CancelWorkflows.ScopeThenWaitImpl.class);
        WorkflowHandle<String> h = scopeCanceledAndWaiting(first, "scope-then-restart");
        stop(first);
        Engine second = cancelEngine(CancelWorkflows.ScopeThenWaitImpl.class);
        assertScopeCanceledOnce(second.client().handle("scope-then-restart", String.class), "scope-then-restart",
                second);
    }

    /** Runs CancelThenWait until it is canceled and waits in its detached cleanup scope. */
    private WorkflowHandle<String> canceledAndCleaningUp(Engine engine, String id) {
        CancelWorkflows.CancelThenWait wf = engine.client().newWorkflow(CancelWorkflows.CancelThenWait.class, id);
        WorkflowHandle<String> h = engine.client().start(wf::run, LONG_PAUSE);
        awaitLongTimer(h.runId());
        engine.client().cancel(id);
        Await.until(WAIT, "the cleanup step done and the run waiting", () -> {
            List<String> types = eventTypes(h.runId());
            return count(h.runId(), "ActivityCompleted") == 2
                    && types.lastIndexOf("WorkflowTaskCompleted") > types.lastIndexOf("ActivityCompleted");
        });
        return h;
    }

    private void assertCanceledOnce(WorkflowHandle<String> h, String id, Engine engine) {
        engine.client().newWorkflow(CancelWorkflows.CancelThenWait.class, id).proceed();
        assertThatThrownBy(() -> h.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(CanceledFailure.class);
        assertThat(count(h.runId(), "TimerCanceled")).isEqualTo(1);
        assertThat(count(h.runId(), "WorkflowCancelRequested")).isEqualTo(1);
        assertThat(count(h.runId(), "ActivityScheduled")).as("begin, cleanup, after-cleanup").isEqualTo(3);
        assertThat(TestWorkflows.CALLS.stream().filter(c -> c.startsWith("step:cleanup#")).count()).isEqualTo(1);
        assertThat(eventTypes(h.runId())).doesNotContain("WorkflowTaskFailed").endsWith("WorkflowFailed");
        assertThat(engine.client().describe(id).status()).isEqualTo(dev.ratchet.api.WorkflowStatus.CANCELED);
    }

    @Test
    void aCanceledWorkflowCleaningUpReplaysAfterEviction() {
        Engine engine = start(builder().maxCachedRuns(1).workflows(CancelWorkflows.CancelThenWaitImpl.class,
                ToolkitWorkflows.IdleImpl.class).activities(new TestWorkflows.StepsImpl()));
        WorkflowHandle<String> h = canceledAndCleaningUp(engine, "cancel-then-evict");
        evictCachedRuns(engine);
        assertCanceledOnce(h, "cancel-then-evict", engine);
    }

    @Test
    void aCanceledWorkflowCleaningUpResumesAfterARestart() {
        Engine first = cancelEngine(CancelWorkflows.CancelThenWaitImpl.class);
        WorkflowHandle<String> h = canceledAndCleaningUp(first, "cancel-then-restart");
        stop(first);
        Engine second = cancelEngine(CancelWorkflows.CancelThenWaitImpl.class);
        assertCanceledOnce(second.client().handle("cancel-then-restart", String.class), "cancel-then-restart",
                second);
    }

    @Test
    void terminateStopsARunAtOnceWithoutItsTypeRegistered() {
        Engine first = cancelEngine(CleanupImpl.class);
        String runId = startCleanup(first, "terminate-me").runId();
        stop(first);
        Engine bystander = clientOnly();
        bystander.client().terminate("terminate-me", "operator said so");
        WorkflowHandle<String> h = bystander.client().handle("terminate-me", String.class);
        assertThatThrownBy(() -> h.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(TerminatedFailure.class).hasMessageContaining("operator said so");
        assertThat(eventTypes(runId)).endsWith("WorkflowTerminated");
        assertThat(events(runId, "WorkflowTerminated").get(0).get("reason").asText()).isEqualTo("operator said so");
        // its timers went with the close; the one kept for parent-close policies goes once they are applied
        Await.until(WAIT, "no timer left", () -> nextTimer().isEmpty());
        assertThat(TestWorkflows.CALLS).noneMatch(c -> c.startsWith("step:cleanup"));
        assertThat(h.describe().status().isClosed()).isTrue();
    }

    @Test
    void badCancelAndTerminateRequestsAreRejectedAndChangeNothing() {
        Engine engine = cancelEngine(CleanupImpl.class);
        assertThatThrownBy(() -> engine.client().cancel("nobody")).isInstanceOf(WorkflowNotFoundException.class);
        assertThatThrownBy(() -> engine.client().terminate("nobody", "why"))
                .isInstanceOf(WorkflowNotFoundException.class);
        assertThatThrownBy(() -> engine.client().cancel(" ")).isInstanceOf(InvalidArgumentException.class);
        WorkflowHandle<String> h = startCleanup(engine, "cancel-bad");
        assertThatThrownBy(() -> h.terminate(" ")).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("reason");
        assertThat(eventTypes(h.runId())).doesNotContain("WorkflowTerminated");
        h.terminate("done with it");
        List<String> before = eventTypes(h.runId());
        assertThatThrownBy(h::cancel).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("already finished");
        assertThatThrownBy(() -> engine.client().terminate("cancel-bad", "again"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("already finished");
        assertThat(eventTypes(h.runId())).isEqualTo(before);
    }
}
