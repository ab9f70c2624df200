package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.CancelWorkflows.Booking;
import dev.ratchet.engine.behaviour.CancelWorkflows.BookingImpl;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Saga}: reverse order, parallel, failures collected; live, after eviction and across an engine restart. */
public abstract class SagaTests extends ToolkitBehaviour {

    @BeforeEach
    void lastStepFails() {
        TestWorkflows.FAILURES_LEFT.put("c", new AtomicInteger(100));
    }

    private WorkflowHandle<String> book(Engine engine, String id, String mode) {
        Booking wf = engine.client().newWorkflow(Booking.class, id);
        return engine.client().start(wf::book, mode);
    }

    private static List<String> compensations() {
        return TestWorkflows.CALLS.stream().filter(c -> c.contains("undo-")).toList();
    }

    @Test
    void compensationsRunInReverseOrder() {
        Engine engine = engine(BookingImpl.class);
        assertThat(book(engine, "saga-seq", "sequential").result(WAIT)).isEqualTo("compensated");
        assertThat(compensations()).containsExactly("step:undo-c#1", "step:undo-b#1", "step:undo-a#1");
    }

    @Test
    void compensationsRunInParallel() {
        Engine engine = engine(BookingImpl.class);
        WorkflowHandle<String> h = book(engine, "saga-parallel", "parallel");
        assertThat(h.result(WAIT)).isEqualTo("compensated");
        assertThat(compensations()).containsExactlyInAnyOrder("step:undo-c#1", "step:undo-b#1", "step:undo-a#1");
        // all three were scheduled by one workflow task, before any of them completed
        List<String> types = eventTypes(h.runId());
        int firstUndo = types.lastIndexOf("ActivityFailed") + 2;
        assertThat(types.subList(firstUndo, firstUndo + 3)).containsOnly("ActivityScheduled");
    }

    @Test
    void aFailedCompensationIsCollectedAndTheOthersStillRun() {
        TestWorkflows.FAILURES_LEFT.put("undo-b", new AtomicInteger(100));
        Engine engine = engine(BookingImpl.class);
        String result = book(engine, "saga-collect", "collect").result(WAIT);
        assertThat(result).startsWith("compensation failed: 1 ").contains("undo-b");
        assertThat(compensations()).contains("step:undo-c#1", "flaky:undo-b#5", "step:undo-a#1");
        assertThat(compensations().indexOf("step:undo-a#1")).isGreaterThan(compensations().indexOf("flaky:undo-b#5"));
    }

    @Test
    void compensatingContinuesAfterEviction() {
        closeGate();
        Engine engine = evictingEngine(BookingImpl.class);
        WorkflowHandle<String> h = book(engine, "saga-evicted", "blocking");
        awaitBlockingCall("undo-b");
        evictCachedRuns(engine);
        openGate();
        assertThat(h.result(WAIT)).isEqualTo("compensated");
        assertThat(compensations()).containsExactly("step:undo-c#1", "blocking:undo-b#1", "step:undo-a#1");
    }

    @Test
    void compensatingContinuesAfterAnEngineRestartInTheMiddle() {
        closeGate();
        Engine first = engine(BookingImpl.class);
        WorkflowHandle<String> h = book(first, "saga-restart", "blocking");
        awaitBlockingCall("undo-b");
        stop(first);
        openGate();
        Engine second = engine(BookingImpl.class);
        assertThat(second.client().handle("saga-restart", String.class).result(WAIT)).isEqualTo("compensated");
        List<String> done = compensations();
        assertThat(done.get(0)).isEqualTo("step:undo-c#1");
        assertThat(done).contains("blocking:undo-b#1").endsWith("step:undo-a#1");
        assertThat(done.stream().filter(c -> c.startsWith("step:undo-a")).count()).isEqualTo(1);
        assertThat(count(h.runId(), "ActivityCompleted")).isGreaterThanOrEqualTo(5);
    }
}
