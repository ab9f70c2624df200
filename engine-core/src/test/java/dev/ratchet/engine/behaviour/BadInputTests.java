package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.EngineClosedException;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.PayloadException;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.WorkflowAlreadyStartedException;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.TestWorkflows.Order;
import dev.ratchet.engine.behaviour.TestWorkflows.OrderImpl;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear exception under RatchetException, and nothing is written to the store. */
public abstract class BadInputTests extends EngineBehaviour {

    public interface NotAnnotated {
        @WorkflowMethod
        String run(String x);
    }

    @WorkflowInterface
    public interface NoMethod {
        String run(String x);
    }

    @WorkflowInterface
    public interface ReturnsPromise {
        @WorkflowMethod
        Promise<String> run(String x);
    }

    @WorkflowInterface
    public interface TakesPayload {
        @WorkflowMethod
        String run(Payload p);
    }

    /** A payload Jackson cannot write when its text is "boom": its accessor throws. */
    public record Payload(String text) {
        @Override
        public String text() {
            if (text.equals("boom")) {
                throw new IllegalStateException("getter exploded");
            }
            return text;
        }
    }

    public static final class TakesPayloadImpl implements TakesPayload {
        @Override
        public String run(Payload p) {
            return p.text();
        }
    }

    public static final class NoConstructorImpl implements Order {
        public NoConstructorImpl(String unused) {
        }

        @Override
        public String place(String id) {
            return id;
        }
    }

    private void assertNothingStored(String workflowId) {
        assertThat(run(workflowId)).as("nothing stored for " + workflowId).isEmpty();
    }

    @Test
    void blankOrNullWorkflowIdIsRejected() {
        Engine engine = engine(OrderImpl.class);
        for (String id : new String[] {null, "", "  ", "a\u0000b", "x".repeat(256)}) {
            assertThatThrownBy(() -> engine.client().newWorkflow(Order.class, id))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("workflowId");
        }
        assertThatThrownBy(() -> engine.client().handle(null, String.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("workflowId");
    }

    @Test
    void interfacesWithoutAnnotationsOrWithWrongSignaturesAreRejected() {
        Engine engine = engine(OrderImpl.class);
        assertThatThrownBy(() -> engine.client().newWorkflow(NotAnnotated.class, "bad-1"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("@WorkflowInterface");
        assertThatThrownBy(() -> engine.client().newWorkflow(NoMethod.class, "bad-2"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no @WorkflowMethod");
        assertThatThrownBy(() -> engine.client().newWorkflow(ReturnsPromise.class, "bad-3"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("cannot be stored as JSON");
        assertThatThrownBy(() -> Engine.builder().workflows(Order.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("concrete class");
        assertThatThrownBy(() -> Engine.builder().workflows(String.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("@WorkflowInterface");
        assertThatThrownBy(() -> Engine.builder().workflows(NoConstructorImpl.class))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("no-argument constructor");
        assertThatThrownBy(() -> Engine.builder().activities("not an activity"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("@ActivityInterface");
        assertThatThrownBy(() -> Engine.builder().leaseDuration(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("leaseDuration");
    }

    @Test
    void unregisteredWorkflowTypeIsRejected() {
        Engine engine = engine(OrderImpl.class);
        TakesPayload wf = engine.client().newWorkflow(TakesPayload.class, "unregistered");
        assertThatThrownBy(() -> engine.client().start(wf::run, new Payload("x")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not registered");
        assertNothingStored("unregistered");
    }

    @Test
    void payloadsThatCannotBeWrittenOrAreTooLargeAreRejected() {
        Engine engine = start(builder().workflows(TakesPayloadImpl.class).payloadSizeLimit(4096));
        TakesPayload wf = engine.client().newWorkflow(TakesPayload.class, "payload-1");
        assertThatThrownBy(() -> engine.client().start(wf::run, new Payload("boom")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("getter exploded")
                .hasMessageContaining("cannot be written as JSON");
        assertNothingStored("payload-1");
        assertThatThrownBy(() -> engine.client().start(wf::run, new Payload("y".repeat(5000))))
                .isInstanceOf(PayloadException.class).hasMessageContaining("above the payload size limit of 4096");
        assertNothingStored("payload-1");
        assertThat(engine.client().start(wf::run, new Payload("fine")).result(Duration.ofSeconds(20)))
                .isEqualTo("fine");
    }

    @Test
    void conflictPolicyFailRejectsAnExistingId() {
        Engine engine = engine(OrderImpl.class);
        Order first = engine.client().newWorkflow(Order.class, "dup");
        first.place("1");
        Order again = engine.client().newWorkflow(Order.class,
                WorkflowOptions.of("dup").withConflictPolicy(WorkflowIdConflictPolicy.FAIL)
                        .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.REJECT_DUPLICATE));
        assertThatThrownBy(() -> engine.client().start(again::place, "2"))
                .isInstanceOf(WorkflowAlreadyStartedException.class).hasMessageContaining("dup");
        assertThat(eventTypes(run("dup").orElseThrow().runId())).hasSize(12);
    }

    @Test
    void unknownWorkflowIdIsReportedAsNotFound() {
        Engine engine = engine(OrderImpl.class);
        assertThatThrownBy(() -> engine.client().handle("nope", String.class))
                .isInstanceOf(WorkflowNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> engine.client().describe("nope")).isInstanceOf(WorkflowNotFoundException.class);
    }

    @Test
    void startCallThatInvokesNoStubIsRejected() {
        Engine engine = engine(OrderImpl.class);
        assertThatThrownBy(() -> engine.client().start(() -> "not a stub call"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("invoked no workflow method");
    }

    @Test
    void everyCallOnAClosedEngineIsRejected() {
        Engine engine = engine(OrderImpl.class);
        var client = engine.client();
        Order order = client.newWorkflow(Order.class, "closed-1");
        stop(engine);
        List<Runnable> calls = List.of(engine::client, () -> client.newWorkflow(Order.class, "closed-2"),
                () -> client.start(order::place, "x"), () -> client.handle("closed-1", String.class),
                () -> client.describe("closed-1"), () -> order.place("x"));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(EngineClosedException.class)
                    .isInstanceOf(RatchetException.class).hasMessageContaining("closed");
        }
        engine.close(); // idempotent
        assertNothingStored("closed-1");
    }
}
