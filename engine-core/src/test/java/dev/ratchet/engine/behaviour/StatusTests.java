package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.TerminatedFailure;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.CancelWorkflows.Cleanup;
import dev.ratchet.engine.behaviour.CancelWorkflows.CleanupImpl;
import dev.ratchet.engine.behaviour.ChainWorkflows.Chain;
import dev.ratchet.engine.behaviour.ChainWorkflows.ChainImpl;
import dev.ratchet.engine.behaviour.ChainWorkflows.Echo;
import dev.ratchet.engine.behaviour.ChainWorkflows.EchoImpl;
import dev.ratchet.engine.store.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How runs close, as every reader sees it: describe, the stored status, lists filtered by status, and results. A
 * canceled run is CANCELED, a terminated one TERMINATED, a run that continued as new CONTINUED_AS_NEW (describe of its
 * workflow ID shows the newest run of the chain and the run it continued), a failed one FAILED.
 */
public abstract class StatusTests extends ToolkitBehaviour {
    private static final Class<?>[] ALL = {CleanupImpl.class, ChainImpl.class, EchoImpl.class};

    private WorkflowHandle<String> startCleanup(Engine engine, String id) {
        Cleanup wf = engine.client().newWorkflow(Cleanup.class, id);
        WorkflowHandle<String> h = engine.client().start(wf::run, LONG_PAUSE);
        awaitLongTimer(h.runId());
        return h;
    }

    private static List<String> listed(Engine engine, WorkflowStatus status) {
        return engine.client().list(WorkflowListQuery.all().withStatus(status)).workflows().stream()
                .map(WorkflowDescription::runId).toList();
    }

    @Test
    void aCanceledRunIsCanceledEverywhere() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = startCleanup(engine, "status-cancel");
        engine.client().cancel("status-cancel");
        assertThatThrownBy(() -> h.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(CanceledFailure.class);

        WorkflowDescription d = engine.client().describe("status-cancel");
        assertThat(d.status()).isEqualTo(WorkflowStatus.CANCELED);
        assertThat(d.status().isClosed()).isTrue();
        assertThat(d.closedAt()).isNotNull();
        assertThat(run("status-cancel").orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
        assertThat(listed(engine, WorkflowStatus.CANCELED)).containsExactly(h.runId());
        assertThat(listed(engine, WorkflowStatus.FAILED)).isEmpty();
        assertThat(listed(engine, WorkflowStatus.RUNNING)).isEmpty();
    }

    @Test
    void aTerminatedRunIsTerminatedEverywhere() {
        Engine engine = engine(ALL);
        WorkflowHandle<String> h = startCleanup(engine, "status-terminate");
        engine.client().terminate("status-terminate", "enough");
        assertThatThrownBy(() -> h.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(TerminatedFailure.class);

        assertThat(engine.client().describe("status-terminate").status()).isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(h.describe().status()).isEqualTo(WorkflowStatus.TERMINATED);
        assertThat(run("status-terminate").orElseThrow().status()).isEqualTo(RunStatus.TERMINATED);
        assertThat(listed(engine, WorkflowStatus.TERMINATED)).containsExactly(h.runId());
        assertThat(listed(engine, WorkflowStatus.FAILED)).isEmpty();
    }

    @Test
    void aFailedRunStaysFailedAndACompletedOneCompleted() {
        Engine engine = engine(ALL);
        Echo fail = engine.client().newWorkflow(Echo.class, "status-fail");
        WorkflowHandle<String> failed = engine.client().start(fail::run, "fail");
        assertThatThrownBy(() -> failed.result(WAIT)).isInstanceOf(WorkflowFailedException.class);
        Echo ok = engine.client().newWorkflow(Echo.class, "status-ok");
        WorkflowHandle<String> done = engine.client().start(ok::run, "ok");
        assertThat(done.result(WAIT)).isEqualTo("ok");

        assertThat(engine.client().describe("status-fail").status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(engine.client().describe("status-ok").status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(listed(engine, WorkflowStatus.FAILED)).containsExactly(failed.runId());
        assertThat(listed(engine, WorkflowStatus.COMPLETED)).containsExactly(done.runId());
    }

    @Test
    void describeOfAContinuedWorkflowShowsTheLatestRunAndWhatItContinued() {
        Engine engine = engine(ALL);
        Chain chain = engine.client().newWorkflow(Chain.class, "status-chain");
        WorkflowHandle<String> first = engine.client().start(() -> chain.run(1, 2, true));
        Await.until(WAIT, "the first run waiting", () -> eventTypes(first.runId()).contains("WorkflowTaskCompleted"));
        assertThat(engine.client().describe("status-chain").continuedFromRunId()).isNull();
        chain.next();
        Await.until(WAIT, "the second run", () -> !run("status-chain").orElseThrow().runId().equals(first.runId()));
        String second = run("status-chain").orElseThrow().runId();

        WorkflowDescription latest = engine.client().describe("status-chain");
        assertThat(latest.runId()).isEqualTo(second);
        assertThat(latest.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(latest.continuedFromRunId()).isEqualTo(first.runId());
        // the first run is closed as continued; its handle now describes the chain's latest run
        assertThat(read(s -> s.findRun(first.runId())).orElseThrow().status())
                .isEqualTo(dev.ratchet.engine.store.RunStatus.CONTINUED_AS_NEW);
        assertThat(read(s -> s.findRun(first.runId())).orElseThrow().closedAt()).isPositive();
        assertThat(first.describe().runId()).isEqualTo(second);
        assertThat(listed(engine, WorkflowStatus.CONTINUED_AS_NEW)).containsExactly(first.runId());
        assertThat(listed(engine, WorkflowStatus.RUNNING)).containsExactly(second);

        chain.next();
        // the first run's handle follows the chain to the last run's result
        assertThat(first.result(WAIT)).isEqualTo("done 2 in " + second);
        WorkflowDescription done = engine.client().describe("status-chain");
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.runId()).isEqualTo(second);
        assertThat(done.continuedFromRunId()).isEqualTo(first.runId());
        assertThat(listed(engine, WorkflowStatus.COMPLETED)).containsExactly(second);
    }

    @Test
    void aRunReplacingAClosedOneByIdReuseContinuesNothing() {
        Engine engine = engine(ALL);
        Echo once = engine.client().newWorkflow(Echo.class, "status-reuse");
        assertThat(engine.client().start(once::run, "one").result(WAIT)).isEqualTo("one");
        Echo again = engine.client().newWorkflow(Echo.class, dev.ratchet.api.WorkflowOptions.of("status-reuse")
                .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.ALLOW_DUPLICATE));
        assertThat(engine.client().start(again::run, "two").result(WAIT)).isEqualTo("two");
        assertThat(engine.client().describe("status-reuse").continuedFromRunId()).isNull();
    }

    @Test
    void closedStatusesSurviveARestart() {
        Engine first = engine(ALL);
        WorkflowHandle<String> canceled = startCleanup(first, "status-r-cancel");
        WorkflowHandle<String> terminated = startCleanup(first, "status-r-term");
        canceled.cancel();
        terminated.terminate("stop");
        Await.until(WAIT, "both closed", () -> run("status-r-cancel").orElseThrow().status().isClosed()
                && run("status-r-term").orElseThrow().status().isClosed());
        stop(first);

        Engine second = engine(ALL);
        assertThat(second.client().describe("status-r-cancel").status()).isEqualTo(WorkflowStatus.CANCELED);
        assertThat(second.client().describe("status-r-term").status()).isEqualTo(WorkflowStatus.TERMINATED);
        assertThatThrownBy(() -> second.client().handle("status-r-cancel", String.class).result(WAIT))
                .cause().isInstanceOf(CanceledFailure.class);
    }
}
