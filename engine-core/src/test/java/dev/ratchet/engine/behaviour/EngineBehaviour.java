package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.engine.Engine;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the engine behaviour suites: each concrete store (H2, PostgreSQL, in-memory) runs every behaviour test by
 * providing a fresh database per test. Engines built here use short leases and polls so recovery is quick.
 */
public abstract class EngineBehaviour {
    private final List<Engine> engines = new ArrayList<>();
    private WorkflowStore inspector;

    private StoreFixture fixture;

    /** A fresh fixture for the store under test (in-memory, H2, PostgreSQL). */
    protected abstract StoreFixture newFixture();

    /** A new store object on this test's database. */
    protected WorkflowStore openStore() {
        return fixture.open();
    }

    @BeforeEach
    void setUpDatabase() throws Exception {
        TestWorkflows.reset();
        fixture = newFixture();
        fixture.create();
    }

    @AfterEach
    void tearDownDatabase() throws Exception {
        for (Engine e : engines) {
            e.close();
        }
        engines.clear();
        if (inspector != null) {
            inspector.close();
            inspector = null;
        }
        fixture.drop();
    }

    /** A builder on this test's database with quick leases and polls. */
    protected Engine.Builder builder() {
        return Engine.builder().store(openStore()).leaseDuration(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(50)).shutdownGracePeriod(Duration.ofSeconds(2));
    }

    /** Starts an engine that the test's teardown closes. */
    protected Engine start(Engine.Builder builder) {
        Engine e = builder.start();
        engines.add(e);
        return e;
    }

    /** An engine running the given workflow classes and the test activities. */
    protected Engine engine(Class<?>... workflows) {
        return start(builder().workflows(workflows).activities(new TestWorkflows.StepsImpl()));
    }

    /** Closes an engine early (a restart in the middle of a test). */
    protected void stop(Engine e) {
        e.close();
        engines.remove(e);
    }

    /** A store for reading what is recorded, beside the engines. */
    protected WorkflowStore inspector() {
        if (inspector == null) {
            inspector = openStore();
            inspector.open();
        }
        return inspector;
    }

    /** Reads from the test's database. */
    protected <T> T read(java.util.function.Function<WorkflowStore, T> query) {
        return query.apply(inspector());
    }

    protected Optional<RunRecord> run(String workflowId) {
        return read(s -> s.findByWorkflowId(workflowId));
    }

    protected List<String> eventTypes(String runId) {
        return read(s -> s.loadHistory(runId, 1).stream().map(HistoryEvent::type).toList());
    }
}
