package dev.ratchet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsValidationTest {

    @Test
    void retryPolicyRejectsInvalidValuesWithTheirName() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThatThrownBy(() -> d.withInitialInterval(Duration.ZERO)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("initialInterval must be positive");
        assertThatThrownBy(() -> d.withInitialInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("initialInterval must be positive");
        assertThatThrownBy(() -> d.withBackoffCoefficient(0.5)).hasMessageContaining("backoffCoefficient");
        assertThatThrownBy(() -> d.withBackoffCoefficient(Double.NaN)).hasMessageContaining("backoffCoefficient");
        assertThatThrownBy(() -> d.withMaximumInterval(Duration.ofMillis(10)))
                .hasMessageContaining("maximumInterval").hasMessageContaining("initialInterval");
        assertThatThrownBy(() -> d.withMaximumAttempts(-1)).hasMessageContaining("maximumAttempts");
        assertThatThrownBy(() -> d.withNonRetryableTypes("ok", " ")).hasMessageContaining("nonRetryableTypes");
        assertThatThrownBy(() -> new RetryPolicy(null, 2, Duration.ofSeconds(1), 0, List.of()))
                .isInstanceOf(RatchetException.class).hasMessageContaining("initialInterval must not be null");
    }

    @Test
    void retryPolicyComputesExponentialDelaysUpToTheCap() {
        RetryPolicy p = RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(100))
                .withMaximumInterval(Duration.ofMillis(500)).withMaximumAttempts(6);
        assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delayAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.delayAfter(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delayAfter(5)).isEqualTo(Duration.ofMillis(500));
        assertThat(p.delayAfter(6)).isNull();
        assertThat(RetryPolicy.defaults().delayAfter(1000)).isEqualTo(Duration.ofSeconds(100));
        assertThat(RetryPolicy.noRetries().delayAfter(1)).isNull();
        assertThat(p.withNonRetryableTypes("Fatal").retries("Fatal")).isFalse();
        assertThat(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10)).maximumInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void activityOptionsRequireAPositiveTimeoutAndAQueue() {
        assertThatThrownBy(() -> ActivityOptions.of(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("startToCloseTimeout");
        assertThatThrownBy(() -> ActivityOptions.of(Duration.ZERO)).hasMessageContaining("startToCloseTimeout");
        assertThatThrownBy(() -> ActivityOptions.of(Duration.ofSeconds(1)).withTaskQueue(""))
                .hasMessageContaining("taskQueue");
        assertThatThrownBy(() -> ActivityOptions.of(Duration.ofSeconds(1)).withRetry(null))
                .hasMessageContaining("retryPolicy");
        assertThat(ActivityOptions.of(Duration.ofSeconds(1)).taskQueue()).isEqualTo("default");
    }

    @Test
    void activityOptionsRejectEveryInvalidTimeoutWithItsName() {
        ActivityOptions.Builder none = ActivityOptions.builder();
        assertThatThrownBy(none::build).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("startToCloseTimeout or a scheduleToCloseTimeout");
        ActivityOptions ok = ActivityOptions.builder().scheduleToCloseTimeout(Duration.ofMinutes(1)).build();
        assertThat(ok.startToCloseTimeout()).isNull();
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            assertThatThrownBy(() -> ok.withStartToCloseTimeout(bad))
                    .hasMessageContaining("startToCloseTimeout must be positive");
            assertThatThrownBy(() -> ok.withScheduleToCloseTimeout(bad))
                    .hasMessageContaining("scheduleToCloseTimeout must be positive");
            assertThatThrownBy(() -> ok.withScheduleToStartTimeout(bad))
                    .hasMessageContaining("scheduleToStartTimeout must be positive");
            assertThatThrownBy(() -> ok.withHeartbeatTimeout(bad))
                    .hasMessageContaining("heartbeatTimeout must be positive");
        }
        assertThatThrownBy(() -> ok.withTaskQueue("q".repeat(101))).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> ok.withTaskQueue(null)).hasMessageContaining("taskQueue");
        ActivityOptions all = ok.toBuilder().startToCloseTimeout(Duration.ofSeconds(1))
                .scheduleToStartTimeout(Duration.ofSeconds(2)).heartbeatTimeout(Duration.ofSeconds(3)).build();
        assertThat(all.toBuilder().build()).isEqualTo(all);
    }

    @Test
    void retryPolicyRejectsNullsAndInfiniteCoefficients() {
        RetryPolicy d = RetryPolicy.defaults();
        assertThatThrownBy(() -> d.withBackoffCoefficient(Double.POSITIVE_INFINITY))
                .hasMessageContaining("backoffCoefficient must be a finite number >= 1");
        assertThatThrownBy(() -> d.withMaximumInterval(null)).hasMessageContaining("maximumInterval");
        assertThatThrownBy(() -> d.withInitialInterval(null)).hasMessageContaining("initialInterval");
        assertThatThrownBy(() -> d.withNonRetryableTypes((String[]) null)).hasMessageContaining("types");
        assertThatThrownBy(() -> d.delayAfter(0)).hasMessageContaining("attempt must be >= 1");
        assertThat(d.withBackoffCoefficient(1.0).withMaximumAttempts(0).delayAfter(50))
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void workflowOptionsRejectInvalidTimeoutsAndQueues() {
        WorkflowOptions o = WorkflowOptions.of("wf");
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-5))) {
            assertThatThrownBy(() -> o.withExecutionTimeout(bad))
                    .hasMessageContaining("executionTimeout must be positive");
            assertThatThrownBy(() -> o.withRunTimeout(bad)).hasMessageContaining("runTimeout must be positive");
        }
        assertThatThrownBy(() -> o.withTaskQueue(" ")).hasMessageContaining("taskQueue");
        assertThatThrownBy(() -> o.withTaskQueue("q".repeat(101))).hasMessageContaining("at most 100");
        assertThat(o.withExecutionTimeout(Duration.ofHours(1)).withRunTimeout(null).executionTimeout())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void workflowOptionsValidateTheId() {
        assertThatThrownBy(() -> WorkflowOptions.of(null)).hasMessageContaining("workflowId must not be null");
        assertThatThrownBy(() -> WorkflowOptions.of(" ")).hasMessageContaining("workflowId");
        assertThatThrownBy(() -> WorkflowOptions.of("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> WorkflowOptions.of("x".repeat(256))).hasMessageContaining("at most 255");
        assertThatThrownBy(() -> WorkflowOptions.of("ok").withConflictPolicy(null))
                .hasMessageContaining("conflictPolicy");
        assertThat(WorkflowOptions.of("x'; DROP TABLE runs; --").workflowId()).contains("DROP");
    }

    @Test
    void workflowFacadeOutsideWorkflowCodeSaysWhere() {
        assertThatThrownBy(Workflow::currentTime).isInstanceOf(RatchetException.class)
                .hasMessageContaining("only be called from workflow code");
        assertThatThrownBy(Activity::context).isInstanceOf(RatchetException.class)
                .hasMessageContaining("activity implementation");
    }

    @Test
    void listQueriesCheckTheirTimeRange() {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> WorkflowListQuery.all().withStartedBetween(t, t.minusMillis(1)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("startedFrom (2026-01-01T00:00:00Z) is after startedTo")
                .hasMessageContaining("pass from <= to");
        assertThatThrownBy(() -> WorkflowListQuery.all().withStartedBetween(java.time.Instant.MAX, null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("epoch milliseconds");
        WorkflowListQuery q = WorkflowListQuery.all().withStartedBetween(t, t).withStatus(WorkflowStatus.CANCELED)
                .withPageSize(5);
        org.assertj.core.api.Assertions.assertThat(q.startedFrom()).isEqualTo(t);
        org.assertj.core.api.Assertions.assertThat(q.startedTo()).isEqualTo(t);
        org.assertj.core.api.Assertions.assertThat(q.status()).isEqualTo(WorkflowStatus.CANCELED);
        org.assertj.core.api.Assertions.assertThat(q.withStartedBetween(null, null).startedFrom()).isNull();
    }
}
