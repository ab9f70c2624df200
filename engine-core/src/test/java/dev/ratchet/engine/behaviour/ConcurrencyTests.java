package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.Concurrent;
import dev.ratchet.engine.behaviour.ToolkitWorkflows.ConcurrentImpl;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Async}, promise combinators ({@code allOf}, {@code anyOf}, {@code thenApply}, {@code handle},
 * {@code exceptionally}), completable promises and queues: the same result and the same interleaving of workflow
 * threads live, after eviction and after a restart.
 */
public abstract class ConcurrencyTests extends ToolkitBehaviour {
    /** The result, including the trace of how the producer and the consumer interleaved around the queue. */
    static final String EXPECTED = "P0P1P2P3P4,len=2,failed:ActivityFailure,recovered,any=A,"
            + "put1,put2,put3,take1C1,put4,take2C2,take3C3,take4C4,sum=10,any2=manual,late=LATE,poll=null,polled=null";

    @BeforeEach
    void failingActivities() {
        TestWorkflows.FAILURES_LEFT.put("always", new AtomicInteger(100));
        TestWorkflows.FAILURES_LEFT.put("always2", new AtomicInteger(100));
    }

    @Test
    void asyncWorkAndQueuesInterleaveDeterministicallyLive() {
        Engine engine = engine(ConcurrentImpl.class);
        Concurrent wf = engine.client().newWorkflow(Concurrent.class, "async-live");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        assertThat(h.result(WAIT)).isEqualTo(EXPECTED);
        assertActivities();
    }

    @Test
    void theSameInterleavingIsReplayedAfterEviction() {
        closeGate();
        Engine engine = evictingEngine(ConcurrentImpl.class);
        Concurrent wf = engine.client().newWorkflow(Concurrent.class, "async-evicted");
        WorkflowHandle<String> h = engine.client().start(wf::run, 10L);
        awaitBlockingCall("a");
        evictCachedRuns(engine);
        openGate();
        assertThat(h.result(WAIT)).isEqualTo(EXPECTED);
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertActivities();
    }

    @Test
    void theSameInterleavingIsReplayedAfterARestart() {
        Engine first = engine(ConcurrentImpl.class);
        Concurrent wf = first.client().newWorkflow(Concurrent.class, "async-restart");
        WorkflowHandle<String> h = first.client().start(wf::run, LONG_PAUSE);
        Await.until(WAIT, "the consumer finished", () -> TestWorkflows.CALLS.contains("step:c4#1"));
        Await.until(WAIT, "the pause started", () -> count(h.runId(), "TimerStarted") == 2);
        stop(first);

        Engine second = engineAhead(AHEAD, ConcurrentImpl.class);
        assertThat(second.client().handle("async-restart", String.class).result(WAIT)).isEqualTo(EXPECTED);
        assertThat(ToolkitWorkflows.REPLAYS.get()).isPositive();
        assertActivities();
    }

    @Test
    void combinatorsFailFastAndAConditionThatThrowsReachesTheAwaitingCode() {
        closeGate();
        Engine engine = engine(ToolkitWorkflows.CombinatorsImpl.class);
        ToolkitWorkflows.Combinators wf = engine.client().newWorkflow(ToolkitWorkflows.Combinators.class, "combine");
        try {
            assertThat(engine.client().start(wf::run).result(WAIT))
                    .isEqualTo("all failed fast:flaky,slow pending=true,any failed,await threw bad condition");
        } finally {
            openGate();
        }
    }

    /**
     * Outcomes of one run that arrive together are recorded in shared workflow tasks (one commit for several), each
     * exactly once; without that a fan-out costs one commit per activity, in a row.
     */
    @Test
    void outcomesArrivingTogetherAreEachRecordedOnceInSharedWorkflowTasks() {
        int n = 40;
        closeGate();
        Engine engine = engine(ToolkitWorkflows.WideFanOutImpl.class);
        WorkflowHandle<Integer> h = runWideFanOut(engine, "wide", n);
        assertThat(count(h.runId(), "WorkflowTaskCompleted")).as("workflow tasks for %d outcomes", n)
                .isLessThanOrEqualTo(n);
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("blocking:w")).hasSize(n);
    }

    /**
     * A store failure while writing a shared commit reaches every outcome in it, as if each had written alone: their
     * attempts are retried and each outcome is recorded once (none is taken for a stale claim and dropped).
     */
    @Test
    void aStoreFailureInASharedCommitReachesEveryOutcomeInItAndTheyAreRetried() {
        int n = 40;
        closeGate();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        dev.ratchet.engine.store.WorkflowStore failing = beforeCommits(openStore(), commits -> {
            if (sharesOutcomes(commits) && failed.compareAndSet(false, true)) {
                throw new dev.ratchet.api.StoreException("test: the database went away");
            }
        });
        Engine engine = start(builder().store(failing).workflows(ToolkitWorkflows.WideFanOutImpl.class)
                .activities(new TestWorkflows.StepsImpl()));
        WorkflowHandle<Integer> h = runWideFanOut(engine, "wide-fail", n);
        assertThat(failed).as("a shared commit failed").isTrue();
        assertThat(TestWorkflows.CALLS).as("the outcomes of the failed commit ran again")
                .anyMatch(c -> c.startsWith("blocking:w") && c.endsWith("#2"));
    }

    /**
     * Children of one parent that start together have their starts recorded in shared workflow tasks, each once. The
     * parent's first ChildWorkflowStarted commit is held until every child runs, so the other starts arrive while the
     * parent is busy; without batching, a parent of n children takes 2n + 1 workflow tasks.
     */
    @Test
    void childStartsArrivingTogetherAreEachRecordedOnceInSharedWorkflowTasks() {
        int n = 20;
        closeGate();
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
        dev.ratchet.engine.store.WorkflowStore holding = beforeCommits(openStore(), commits -> {
            if (commits.size() == 1 && recordsChildStart(commits) && held.compareAndSet(false, true)) {
                Await.until(WAIT, "all " + n + " children running", () -> blockingChildren() == n);
            }
        });
        Engine engine = start(builder().store(holding).workflows(ChildWorkflows.ParentImpl.class,
                ChildWorkflows.ChildImpl.class).activities(new TestWorkflows.StepsImpl()));
        ChildWorkflows.Parent wf = engine.client().newWorkflow(ChildWorkflows.Parent.class, "wide-children");
        WorkflowHandle<String> h = engine.client().start(wf::run, "wide:" + n);
        try {
            Await.until(WAIT, "all " + n + " children running", () -> blockingChildren() == n);
        } finally {
            openGate();
        }
        assertThat(h.result(WAIT)).isEqualTo(n + " children");
        assertThat(held).as("a child start was held").isTrue();
        List<String> started = history(h.runId()).stream().filter(e -> e.type().equals("ChildWorkflowStarted"))
                .map(e -> attrs(e).path("commandId").asText()).toList();
        assertThat(started).hasSize(n).doesNotHaveDuplicates();
        assertThat(count(h.runId(), "WorkflowTaskCompleted")).as("workflow tasks for %d children", n)
                .isLessThan(2 * n - n / 2);
    }

    /**
     * Runs a WideFanOut of {@code n} gated activities until all run, opens the gate, and checks its result and that
     * each activity's completion is recorded once. The gate must be closed.
     */
    private WorkflowHandle<Integer> runWideFanOut(Engine engine, String workflowId, int n) {
        ToolkitWorkflows.WideFanOut wf = engine.client().newWorkflow(ToolkitWorkflows.WideFanOut.class, workflowId);
        WorkflowHandle<Integer> h = engine.client().start(wf::run, n);
        try {
            Await.until(WAIT, "all " + n + " activities running", () -> TestWorkflows.CALLS.stream()
                    .filter(c -> c.startsWith("blocking:w")).count() == n);
        } finally {
            openGate();
        }
        int expected = java.util.stream.IntStream.range(0, n).map(i -> ("W" + i).length()).sum();
        assertThat(h.result(WAIT)).isEqualTo(expected);
        List<String> completed = history(h.runId()).stream().filter(e -> e.type().equals("ActivityCompleted"))
                .map(e -> attrs(e).path("activityId").asText()).toList();
        assertThat(completed).hasSize(n).doesNotHaveDuplicates();
        return h;
    }

    /** {@code real}, with {@code hook} run before each call of {@link dev.ratchet.engine.store.WorkflowStore#commit}. */
    private static dev.ratchet.engine.store.WorkflowStore beforeCommits(dev.ratchet.engine.store.WorkflowStore real,
            java.util.function.Consumer<List<?>> hook) {
        return (dev.ratchet.engine.store.WorkflowStore) java.lang.reflect.Proxy.newProxyInstance(
                ConcurrencyTests.class.getClassLoader(), new Class<?>[] {dev.ratchet.engine.store.WorkflowStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        hook.accept((List<?>) args[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static long blockingChildren() {
        return TestWorkflows.CALLS.stream().filter(c -> c.startsWith("blocking:block-w")).count();
    }

    private static boolean recordsChildStart(Object commits) {
        return ((List<?>) commits).stream().anyMatch(c -> ((dev.ratchet.engine.store.RunCommit) c).events()
                .stream().anyMatch(e -> e.type().equals("ChildWorkflowStarted")));
    }

    private static boolean sharesOutcomes(Object commits) {
        return ((List<?>) commits).stream().anyMatch(c -> ((dev.ratchet.engine.store.RunCommit) c)
                .completedActivities().size() > 1);
    }

    /** Every activity ran once (the failing ones up to their attempt limit), none again on replay. */
    private static void assertActivities() {
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("step:")).containsExactlyInAnyOrder(
                "step:p0#1", "step:p1#1", "step:p2#1", "step:p3#1", "step:p4#1", "step:c1#1", "step:c2#1",
                "step:c3#1", "step:c4#1", "step:late#1");
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("blocking:")).containsExactly("blocking:a#1");
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("flaky:always#")).hasSize(5);
        assertThat(TestWorkflows.CALLS).filteredOn(c -> c.startsWith("flaky:always2#")).hasSize(5);
    }
}
