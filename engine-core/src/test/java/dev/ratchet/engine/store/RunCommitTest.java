package dev.ratchet.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunCommit.Builder}: its defaults, and that {@code build()} validates through the canonical constructor. */
class RunCommitTest {
    private static final HistoryEvent EVENT = new HistoryEvent(0, "Signal", 1, "{}");

    @Test
    void defaultsToAnAppendWithNoChecks() {
        RunCommit c = RunCommit.builder("r").event(EVENT).build();

        assertThat(c).isEqualTo(new RunCommit("r", null, 0, WorkflowTaskChange.NONE, 0, List.of(), null,
                List.of(EVENT), List.of(), List.of(), null, 0, null, 0, List.of(), null, List.of(), List.of()));
    }

    @Test
    void setsEveryComponent() {
        NewRun create = new NewRun("wf", "T", "q", 1);
        NewTimer timer = new NewTimer("r", "t1", 5);
        RunCommit c = RunCommit.builder("r").create(create).expectedNextSeq(3)
                .workflowTask(WorkflowTaskChange.COMPLETE).workflowTaskFence(7).completedActivity("a1", 2)
                .completedActivity("a2", 4).timerId("t0").events(List.of(EVENT)).event(EVENT).timers(List.of(timer))
                .newStatus(RunStatus.PARKED).parkedError("boom").token(9).canceledTimers(List.of("t2")).build();

        assertThat(c).isEqualTo(new RunCommit("r", create, 3, WorkflowTaskChange.COMPLETE, 7,
                List.of(new CompletedActivity("a1", 2), new CompletedActivity("a2", 4)), "t0", List.of(EVENT, EVENT),
                List.of(), List.of(timer), RunStatus.PARKED, 0, "boom", 9, List.of("t2"), null, List.of(),
                List.of()));
    }

    @Test
    void buildRejectsInvalidShapes() {
        assertThatThrownBy(() -> RunCommit.builder("r").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunCommit.builder("r").event(EVENT).completedActivity("a", 1)
                .completedActivity("a", 2).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunCommit.builder("r").event(EVENT)
                .afterCloseTimers(List.of(new NewTimer("r", "t", 1))).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
