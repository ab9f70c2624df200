package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RatchetExtensionBuilderTest {
    final Fixtures.FakeMailer mailer = new Fixtures.FakeMailer(1);

    @RegisterExtension
    final RatchetExtension ratchet = RatchetExtension.of(env -> env
            .workflows(Fixtures.PersistentImpl.class).activities(mailer));

    @Test
    void registersTheTestsOwnFake(WorkflowClient client) {
        assertThat(client.newWorkflow(Fixtures.Persistent.class, "p-1").mail("y@example.com"))
                .isEqualTo("sent to y@example.com");
        assertThat(mailer.calls).hasValue(2); // the first attempt failed; its 1 h backoff was skipped
    }
}
