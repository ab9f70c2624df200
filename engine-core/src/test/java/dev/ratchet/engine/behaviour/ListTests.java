package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.api.WorkflowPage;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ChainWorkflows.Echo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's list of runs and its counts of open runs per getVersion change and version. */
public abstract class ListTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Records version 2 of change-1 when asked to, then waits for a signal. */
    @WorkflowInterface
    public interface Versioned {
        @WorkflowMethod
        int run(boolean askVersion);

        @SignalMethod
        void finish();
    }

    /** See {@link Versioned}. */
    public static final class VersionedImpl implements Versioned {
        private boolean finished;

        @Override
        public int run(boolean askVersion) {
            int v = askVersion ? Workflow.getVersion("change-1", Workflow.DEFAULT_VERSION, 2)
                    : Workflow.DEFAULT_VERSION;
            Workflow.await(() -> finished);
            return v;
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    private static List<String> ids(WorkflowPage page) {
        return page.workflows().stream().map(WorkflowDescription::workflowId).toList();
    }

    @Test
    void listsRunsNewestFirstByStatusAndTypeWithPaging() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class, VersionedImpl.class);
        Echo a = engine.client().newWorkflow(Echo.class, "list-a");
        assertThat(engine.client().start(a::run, "one").result(WAIT)).isEqualTo("one");
        Echo b = engine.client().newWorkflow(Echo.class, "list-b");
        engine.client().start(b::run, "wait");
        Versioned c = engine.client().newWorkflow(Versioned.class, "list-c");
        engine.client().start(c::run, false);
        Echo a2 = engine.client().newWorkflow(Echo.class, dev.ratchet.api.WorkflowOptions.of("list-a")
                .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.ALLOW_DUPLICATE));
        assertThat(engine.client().start(a2::run, "two").result(WAIT)).isEqualTo("two");

        WorkflowPage all = engine.client().list(WorkflowListQuery.all());
        assertThat(ids(all)).as("both runs of list-a, newest first")
                .containsExactly("list-a", "list-c", "list-b", "list-a");
        assertThat(all.nextPageToken()).isNull();
        assertThat(ids(engine.client().list(WorkflowListQuery.all().withStatus(WorkflowStatus.RUNNING))))
                .containsExactly("list-c", "list-b");
        assertThat(ids(engine.client().list(WorkflowListQuery.all().withStatus(WorkflowStatus.RUNNING)
                .withWorkflowType("Echo")))).containsExactly("list-b");

        List<String> paged = new ArrayList<>();
        WorkflowListQuery q = WorkflowListQuery.all().withPageSize(1);
        for (int pages = 1; ; pages++) {
            WorkflowPage page = engine.client().list(q);
            paged.addAll(ids(page));
            if (page.nextPageToken() == null) {
                assertThat(pages).isEqualTo(4);
                break;
            }
            q = q.withPageToken(page.nextPageToken());
        }
        assertThat(paged).isEqualTo(ids(all));
    }

    @Test
    void listsRunsStartedWithinATimeRange() {
        TestClock clock = new TestClock(1_700_000_000_000L);
        Engine engine = start(builder().clock(clock).workflows(ChainWorkflows.EchoImpl.class));
        java.time.Instant[] startedAt = new java.time.Instant[5];
        for (int i = 0; i < 5; i++) {
            startedAt[i] = clock.instant();
            Echo e = engine.client().newWorkflow(Echo.class, "range-" + i);
            engine.client().start(e::run, i % 2 == 0 ? "wait" : "done");
            clock.advance(Duration.ofMinutes(10));
        }
        WorkflowListQuery q = WorkflowListQuery.all();

        assertThat(ids(engine.client().list(q.withStartedBetween(startedAt[1], startedAt[3]))))
                .containsExactly("range-3", "range-2", "range-1");
        assertThat(ids(engine.client().list(q.withStartedBetween(startedAt[3], null))))
                .containsExactly("range-4", "range-3");
        assertThat(ids(engine.client().list(q.withStartedBetween(null, startedAt[0]))))
                .containsExactly("range-0");
        assertThat(ids(engine.client().list(q.withStatus(WorkflowStatus.RUNNING).withWorkflowType("Echo")
                .withStartedBetween(startedAt[1], startedAt[4])))).containsExactly("range-4", "range-2");
        assertThat(ids(engine.client().list(q.withStartedBetween(startedAt[0].plusSeconds(1),
                startedAt[1].minusSeconds(1))))).isEmpty();

        List<String> paged = new ArrayList<>();
        WorkflowListQuery page1 = q.withPageSize(2).withStartedBetween(startedAt[0], startedAt[3]);
        WorkflowPage page = engine.client().list(page1);
        paged.addAll(ids(page));
        page = engine.client().list(page1.withPageToken(page.nextPageToken()));
        paged.addAll(ids(page));
        assertThat(page.nextPageToken()).isNull();
        assertThat(paged).containsExactly("range-3", "range-2", "range-1", "range-0");
    }

    @Test
    void badListInputIsRejectedClearly() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        assertThatThrownBy(() -> engine.client().list(WorkflowListQuery.all().withPageToken("nonsense")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageToken");
        assertThatThrownBy(() -> WorkflowListQuery.all().withPageSize(0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> engine.client().list(null)).isInstanceOf(InvalidArgumentException.class);
        java.time.Instant now = java.time.Instant.now();
        assertThatThrownBy(() -> WorkflowListQuery.all().withStartedBetween(now, now.minusSeconds(1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("startedFrom")
                .hasMessageContaining("is after startedTo");
        assertThatThrownBy(() -> engine.client().countOpenRunsByVersion("Versioned", " "))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("changeId");
    }

    @Test
    void countsOpenRunsPerVersionOfAChange() {
        Engine engine = engine(VersionedImpl.class);
        List<Versioned> stubs = new ArrayList<>();
        List<WorkflowHandle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Versioned v = engine.client().newWorkflow(Versioned.class, "versioned-" + i);
            handles.add(engine.client().start(v::run, i > 0));
            stubs.add(v);
        }
        Await.until(WAIT, "three started runs", () -> handles.stream()
                .allMatch(h -> eventTypes(h.runId()).contains("WorkflowTaskCompleted")));

        assertThat(engine.client().countOpenRunsByVersion("Versioned", "change-1"))
                .isEqualTo(Map.of(Workflow.DEFAULT_VERSION, 1L, 2, 2L));
        stubs.get(2).finish();
        assertThat(handles.get(2).result(WAIT)).isEqualTo(2);
        assertThat(engine.client().countOpenRunsByVersion("Versioned", "change-1"))
                .isEqualTo(Map.of(Workflow.DEFAULT_VERSION, 1L, 2, 1L));
        assertThat(engine.client().countOpenRunsByVersion("Versioned", "other-change"))
                .isEqualTo(Map.of(Workflow.DEFAULT_VERSION, 2L));
        assertThat(engine.client().countOpenRunsByVersion("NoSuchType", "change-1")).isEmpty();
    }
}
