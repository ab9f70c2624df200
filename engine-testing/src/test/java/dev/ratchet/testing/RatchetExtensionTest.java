package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;

@RatchetTest(workflows = Fixtures.ReminderImpl.class, activities = Fixtures.FakeMailer.class)
class RatchetExtensionTest {
    private static final Set<String> ENGINES = ConcurrentHashMap.newKeySet();

    @RepeatedTest(2)
    void injectsAFreshEnvironmentAndItsClientPerTest(TestWorkflowEnvironment env, WorkflowClient client) {
        assertThat(client).isSameAs(env.client());
        assertThat(ENGINES.add(env.engine().engineId())).as("a fresh engine per test").isTrue();
        // the same workflow ID in every repetition: a fresh store each time
        assertThat(client.newWorkflow(Fixtures.Reminder.class, "same-id").remind("x@example.com"))
                .startsWith("sent to x@example.com");
    }
}
