package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.testing.Fixtures.FakeMailer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TimeSkippingTest {
    private static final Instant EPOCH = Instant.EPOCH;

    @ParameterizedTest
    @EnumSource(TestWorkflowEnvironment.StoreKind.class)
    void aThirtyDaySleepFinishesInWellUnderASecond(TestWorkflowEnvironment.StoreKind kind) {
        FakeMailer mailer = new FakeMailer();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().store(kind).startTime(EPOCH)
                .workflows(Fixtures.ReminderImpl.class).activities(mailer).start()) {
            Fixtures.Reminder w = env.client().newWorkflow(Fixtures.Reminder.class, "reminder-1");
            long t0 = System.nanoTime();
            String result = w.remind("ada@example.com");
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(result).isEqualTo("sent to ada@example.com at day 30");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(mailer.sent).containsExactly("ada@example.com");
            assertThat(env.currentTime()).isAfterOrEqualTo(EPOCH.plus(Duration.ofDays(30)));
        }
    }

    @Test
    void aRetryScheduleWithLongBackoffCompletesInstantly() {
        FakeMailer mailer = new FakeMailer(3); // attempts 1-3 fail: 1 h, 2 h, 4 h of backoff
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().startTime(EPOCH)
                .workflows(Fixtures.PersistentImpl.class).activities(mailer).start()) {
            long t0 = System.nanoTime();
            WorkflowHandle<String> h = env.client().start(
                    env.client().newWorkflow(Fixtures.Persistent.class, "persistent-1")::mail, "bob@example.com");
            assertThat(h.result(Duration.ofSeconds(10))).isEqualTo("sent to bob@example.com");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            assertThat(mailer.calls).hasValue(4);
            assertThat(env.currentTime()).isAfterOrEqualTo(EPOCH.plus(Duration.ofHours(7)));
        }
    }

    @Test
    void timeStandsForTheTestUntilItWaitsOrSleeps() {
        FakeMailer mailer = new FakeMailer();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().startTime(EPOCH)
                .workflows(Fixtures.ReminderImpl.class).activities(mailer).start()) {
            WorkflowHandle<String> h = env.client().start(
                    env.client().newWorkflow(Fixtures.Reminder.class, "reminder-2")::remind, "cy@example.com");
            env.sleep(Duration.ofDays(29));
            assertThat(mailer.sent).isEmpty();
            assertThat(env.currentTime()).isBetween(EPOCH.plus(Duration.ofDays(29)), EPOCH.plus(Duration.ofDays(30)));
            env.sleep(Duration.ofDays(2));
            assertThat(mailer.sent).containsExactly("cy@example.com");
            assertThat(h.result()).startsWith("sent to cy@example.com");
        }
    }

    @Test
    void realTimeModeRunsOnTheSystemClock() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().timeSkipping(false)
                .workflows(Fixtures.PersistentImpl.class).activities(new FakeMailer()).start()) {
            Instant before = Instant.now();
            assertThat(env.client().newWorkflow(Fixtures.Persistent.class, "p").mail("d@example.com"))
                    .isEqualTo("sent to d@example.com");
            assertThat(env.currentTime()).isBetween(before, Instant.now().plusSeconds(1));
        }
    }
}
