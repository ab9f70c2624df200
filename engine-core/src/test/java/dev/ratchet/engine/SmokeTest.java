package dev.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.store.InMemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @ActivityInterface
    public interface Steps {
        String step(String name);
    }

    public static final class StepsImpl implements Steps {
        @Override
        public String step(String name) {
            return name + "!";
        }
    }

    @WorkflowInterface
    public interface Three {
        @WorkflowMethod
        String run(String id);
    }

    public static final class ThreeImpl implements Three {
        private final Steps steps = Workflow.activities(Steps.class, ActivityOptions.of(Duration.ofSeconds(5)));

        @Override
        public String run(String id) {
            String a = steps.step("a");
            Workflow.sleep(Duration.ofMillis(50));
            String b = steps.step("b");
            return id + a + b + steps.step("c");
        }
    }

    @Test
    void runsThreeActivitiesAndASleep() {
        try (Engine engine = Engine.builder().store(new InMemoryStore()).workflows(ThreeImpl.class)
                .activities(new StepsImpl()).start()) {
            Three wf = engine.client().newWorkflow(Three.class, "w1");
            WorkflowHandle<String> h = engine.client().start(wf::run, "x");
            assertThat(h.result(Duration.ofSeconds(10))).isEqualTo("xa!b!c!");
        }
    }
}
