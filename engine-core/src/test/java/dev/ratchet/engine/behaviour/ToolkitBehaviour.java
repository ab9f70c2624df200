package dev.ratchet.engine.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.RuntimeConfig;
import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.HistoryEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the workflow-toolkit suites: engines whose cache holds one run (so a run can be evicted on purpose), engines
 * restarted with their clock moved ahead (so a long durable timer is due at once), and history readers.
 */
public abstract class ToolkitBehaviour extends EngineBehaviour {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    /** A pause long enough that it never fires unless an engine's clock is moved past it. */
    protected static final long LONG_PAUSE = Duration.ofHours(5).toMillis();
    /** How far a restarted engine's clock is ahead, so that a {@link #LONG_PAUSE} is due. */
    protected static final Duration AHEAD = Duration.ofHours(6);
    private final ObjectMapper json = new ObjectMapper();
    private int idle;

    @BeforeEach
    void resetToolkitWorkflows() {
        ToolkitWorkflows.reset();
    }

    /** An engine whose cache holds one run, running {@code workflows}, the idle workflow and the test activities. */
    protected Engine evictingEngine(Class<?>... workflows) {
        return start(builder().maxCachedRuns(1).workflows(withIdle(workflows))
                .activities(new TestWorkflows.StepsImpl()));
    }

    /** An engine on the test's store whose clock is {@code ahead} of the system clock. */
    protected Engine engineAhead(Duration ahead, Class<?>... workflows) {
        return start(builder().clock(Clock.offset(Clock.systemUTC(), ahead)).workflows(workflows)
                .activities(new TestWorkflows.StepsImpl()));
    }

    /**
     * Evicts the runs an {@link #evictingEngine} holds: starts two idle workflows, each of which takes the single
     * cache slot. Call it while the run to evict waits (for a gated activity), so its lock is free.
     */
    protected void evictCachedRuns(Engine engine) {
        for (int i = 0; i < 2; i++) {
            String id = "idle-" + (++idle);
            ToolkitWorkflows.Idle wf = engine.client().newWorkflow(ToolkitWorkflows.Idle.class, id);
            String runId = engine.client().start(wf::run).runId();
            Await.until(WAIT, id + " waiting", () -> eventTypes(runId).contains("WorkflowTaskCompleted"));
        }
    }

    /** Closes the gate of the blocking test activity: it waits until {@link #openGate()}. */
    protected static void closeGate() {
        TestWorkflows.gate = new CountDownLatch(1);
    }

    protected static void openGate() {
        TestWorkflows.gate.countDown();
    }

    /** Waits until the blocking activity was called with {@code name}. */
    protected static void awaitBlockingCall(String name) {
        Await.until(WAIT, "blocking activity " + name + " running",
                () -> TestWorkflows.CALLS.stream().anyMatch(c -> c.startsWith("blocking:" + name + "#")));
    }

    /** Waits until the run started a timer of at least an hour (its pause), so an engine may stop there. */
    protected void awaitLongTimer(String runId) {
        Await.until(WAIT, "a long timer started", () -> history(runId).stream()
                .filter(e -> e.type().equals("TimerStarted"))
                .anyMatch(e -> attrs(e).path("fireAt").asLong() - e.time() >= Duration.ofHours(1).toMillis()));
    }

    protected List<HistoryEvent> history(String runId) {
        return read(s -> s.loadHistory(runId, 1));
    }

    protected JsonNode attrs(HistoryEvent e) {
        try {
            return json.readTree(e.attributes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The attributes of the run's events of {@code type}, in order. */
    protected List<JsonNode> events(String runId, String type) {
        return history(runId).stream().filter(e -> e.type().equals(type)).map(this::attrs).toList();
    }

    protected long count(String runId, String type) {
        return eventTypes(runId).stream().filter(type::equals).count();
    }

    /**
     * Replays the recorded history of {@code runId} with {@code implementation}, outside any engine; returns whether
     * the code closed the workflow. Throws what the replay throws (a non-determinism error, for one).
     */
    protected boolean replay(Class<?> implementation, String workflowId, String runId) {
        List<HistoryEvent> recorded = history(runId);
        Payloads payloads = new Payloads(2 * 1024 * 1024);
        Events events = new Events(payloads.mapper());
        RuntimeConfig config = new RuntimeConfig(payloads, events, Duration.ofSeconds(1), false);
        Events.Event started = events.parse(recorded.get(0));
        WorkflowRun run = new WorkflowRun(WorkflowDefinition.ofImplementation(implementation), workflowId, runId,
                "default", started.json("input"), started.attrs().get("seed").asLong(), config);
        try {
            run.replay(recorded.stream().map(events::parse).toList());
            return run.isClosed();
        } finally {
            run.destroy();
        }
    }

    private static Class<?>[] withIdle(Class<?>... workflows) {
        List<Class<?>> all = new ArrayList<>(List.of(workflows));
        all.add(ToolkitWorkflows.IdleImpl.class);
        return all.toArray(Class<?>[]::new);
    }
}
