package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.TestWorkflows.Order;
import dev.ratchet.engine.behaviour.TestWorkflows.OrderImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.Pausing;
import dev.ratchet.engine.behaviour.TestWorkflows.PausingImpl;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import dev.ratchet.engine.behaviour.TestWorkflows.StepsImpl;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Work created by one engine for another is taken up at once through the store's work hints, not at the next poll:
 * every engine here polls once a minute, and each workflow must finish within {@link #PROMPT}.
 */
public abstract class WakeupTests extends EngineBehaviour {
    /** Far below the poll interval: only a hint can make work this quick. */
    protected static final Duration PROMPT = Duration.ofSeconds(10);
    /** Long enough that polling can never explain a prompt result. */
    protected static final Duration POLL = Duration.ofMinutes(1);

    /** Two activities on the task queue "remote". */
    @WorkflowInterface
    public interface Relay {
        @WorkflowMethod
        String relay(String id);
    }

    public static final class RelayImpl implements Relay {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST.withTaskQueue("remote"));

        @Override
        public String relay(String id) {
            return steps.step("a-" + id) + "," + steps.step("b-" + id);
        }
    }

    /** A builder that polls only once a minute. */
    protected Engine.Builder slowPolling() {
        return builder().pollInterval(POLL);
    }

    @Test
    void workflowStartedByAnEngineThatDoesNotRunItRunsPromptlyElsewhere() {
        Engine runner = start(slowPolling().workflows(OrderImpl.class).activities(new StepsImpl()));
        Engine starter = start(slowPolling());
        for (int i = 0; i < 3; i++) {
            String id = "elsewhere-" + i;
            Order order = starter.client().newWorkflow(Order.class, id);
            WorkflowHandle<String> started = starter.client().start(order::place, "o" + i);
            String result = runner.client().handle(started.workflowId(), String.class).result(PROMPT);
            assertThat(result).isEqualTo("RESERVE-O" + i + ",CHARGE-O" + i + ",SHIP-O" + i);
        }
    }

    @Test
    void activitiesOnAQueueServedElsewhereRunPromptly() {
        Engine runner = start(slowPolling().workflows(RelayImpl.class));
        Engine remote = start(slowPolling().taskQueue("remote").activities(new StepsImpl()));
        Engine starter = start(slowPolling());
        for (int i = 0; i < 3; i++) {
            String id = "remote-" + i;
            Relay relay = starter.client().newWorkflow(Relay.class, id);
            WorkflowHandle<String> started = starter.client().start(relay::relay, "r" + i);
            String result = runner.client().handle(started.workflowId(), String.class).result(PROMPT);
            assertThat(result).isEqualTo("A-R" + i + ",B-R" + i);
        }
        assertThat(remote.engineId()).isNotEqualTo(runner.engineId());
        assertThat(TestWorkflows.CALLS).containsExactly("step:a-r0#1", "step:b-r0#1", "step:a-r1#1", "step:b-r1#1",
                "step:a-r2#1", "step:b-r2#1");
    }

    @Test
    void timersOfAStoppedEngineAreFiredPromptlyByAnother() {
        Engine survivor = start(slowPolling().workflows(PausingImpl.class).activities(new StepsImpl()));
        Engine leaving = start(slowPolling().workflows(PausingImpl.class).activities(new StepsImpl()));
        Pausing pausing = leaving.client().newWorkflow(Pausing.class, "pausing");
        WorkflowHandle<String> h = leaving.client().start(pausing::run, 2_000L);
        Await.until(PROMPT, "timer started", () -> eventTypes(h.runId()).contains("TimerStarted"));
        stop(leaving);
        String result = survivor.client().handle("pausing", String.class).result(PROMPT);
        assertThat(result).isEqualTo("AB");
    }
}
