package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.WorkflowAlreadyStartedException;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowIdConflictPolicy;
import dev.ratchet.api.WorkflowIdReusePolicy;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ChainWorkflows.Echo;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Workflow ID reuse: what a start does when the latest run of its ID has closed. */
public abstract class IdReuseTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Echo stub(Engine engine, String id, WorkflowIdReusePolicy policy) {
        return engine.client().newWorkflow(Echo.class, WorkflowOptions.of(id).withReusePolicy(policy));
    }

    @Test
    void byDefaultAStartOfAClosedIdHandsBackTheClosedRun() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = engine.client().newWorkflow(Echo.class, "reuse-idempotent");
        WorkflowHandle<String> first = engine.client().start(echo::run, "one");
        assertThat(first.result(WAIT)).isEqualTo("one");

        WorkflowHandle<String> retried = engine.client().start(echo::run, "two");

        assertThat(retried.runId()).as("a retried start is idempotent").isEqualTo(first.runId());
        assertThat(retried.result(WAIT)).isEqualTo("one");
        assertThat(eventTypes(first.runId())).containsOnlyOnce("WorkflowStarted");
        assertThat(run("reuse-idempotent").orElseThrow().runId()).isEqualTo(first.runId());
    }

    @Test
    void allowDuplicateStartsANewRunThatReplacesTheClosedOne() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = stub(engine, "reuse-default", WorkflowIdReusePolicy.ALLOW_DUPLICATE);
        WorkflowHandle<String> first = engine.client().start(echo::run, "one");
        assertThat(first.result(WAIT)).isEqualTo("one");

        WorkflowHandle<String> second = engine.client().start(echo::run, "two");

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.result(WAIT)).isEqualTo("two");
        assertThat(first.result(WAIT)).as("the old run keeps its result").isEqualTo("one");
        assertThat(run("reuse-default").orElseThrow().runId()).isEqualTo(second.runId());
        assertThat(engine.client().handle("reuse-default", String.class).result(WAIT)).isEqualTo("two");
    }

    @Test
    void anOpenRunIsStillGovernedByTheConflictPolicy() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = engine.client().newWorkflow(Echo.class, "reuse-open");
        WorkflowHandle<String> first = engine.client().start(echo::run, "wait");

        WorkflowHandle<String> joined = engine.client().start(echo::run, "other");
        Echo failing = engine.client().newWorkflow(Echo.class,
                WorkflowOptions.of("reuse-open").withConflictPolicy(WorkflowIdConflictPolicy.FAIL));

        assertThat(joined.runId()).isEqualTo(first.runId());
        assertThatThrownBy(() -> engine.client().start(failing::run, "x"))
                .isInstanceOf(WorkflowAlreadyStartedException.class);
        echo.release("ok");
        assertThat(first.result(WAIT)).isEqualTo("released ok");
    }

    @Test
    void rejectDuplicateKeepsAClosedRunAndWritesNothing() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = stub(engine, "reuse-reject", WorkflowIdReusePolicy.REJECT_DUPLICATE);
        WorkflowHandle<String> first = engine.client().start(echo::run, "one");
        assertThat(first.result(WAIT)).isEqualTo("one");

        assertThatThrownBy(() -> engine.client().start(echo::run, "two"))
                .isInstanceOfSatisfying(WorkflowAlreadyStartedException.class,
                        e -> assertThat(e.runId()).isEqualTo(first.runId()))
                .hasMessageContaining("REJECT_DUPLICATE").hasMessageContaining("reuse-reject");
        assertThatThrownBy(() -> engine.client().signalWithStart(() -> echo.run("two"), () -> echo.release("x")))
                .isInstanceOf(WorkflowAlreadyStartedException.class);
        assertThat(run("reuse-reject").orElseThrow().runId()).isEqualTo(first.runId());
        assertThat(eventTypes(first.runId())).doesNotContain("SignalReceived");
    }

    @Test
    void allowDuplicateFailedOnlyReplacesOnlyAFailedRun() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo failedOnce = stub(engine, "reuse-failed", WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY);
        WorkflowHandle<String> failed = engine.client().start(failedOnce::run, "fail");
        assertThatThrownBy(() -> failed.result(WAIT)).isInstanceOf(WorkflowFailedException.class);
        WorkflowHandle<String> retried = engine.client().start(failedOnce::run, "ok");
        assertThat(retried.runId()).isNotEqualTo(failed.runId());
        assertThat(retried.result(WAIT)).isEqualTo("ok");

        assertThatThrownBy(() -> engine.client().start(failedOnce::run, "again"))
                .isInstanceOf(WorkflowAlreadyStartedException.class)
                .hasMessageContaining("ALLOW_DUPLICATE_FAILED_ONLY");
        assertThat(run("reuse-failed").orElseThrow().runId()).isEqualTo(retried.runId());
        assertThat(read(s -> s.findRun(failed.runId())).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void signalWithStartOnAClosedIdStartsANewRunWithTheSignal() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = stub(engine, "reuse-sws", WorkflowIdReusePolicy.ALLOW_DUPLICATE);
        WorkflowHandle<String> first = engine.client().start(echo::run, "one");
        assertThat(first.result(WAIT)).isEqualTo("one");

        WorkflowHandle<String> second = engine.client().signalWithStart(() -> echo.run("wait"),
                () -> echo.release("s"));

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.result(WAIT)).isEqualTo("released s");
        assertThat(eventTypes(second.runId()).subList(0, 2)).containsExactly("WorkflowStarted", "SignalReceived");
    }

    @Test
    void aReplacementStartedOnAnotherEngineIsFoundAfterRestart() {
        Engine engine = engine(ChainWorkflows.EchoImpl.class);
        Echo echo = stub(engine, "reuse-restart", WorkflowIdReusePolicy.ALLOW_DUPLICATE);
        assertThat(engine.client().start(echo::run, "one").result(WAIT)).isEqualTo("one");
        WorkflowHandle<String> second = engine.client().start(echo::run, "wait");
        stop(engine);

        Engine again = engine(ChainWorkflows.EchoImpl.class);
        Echo stub = again.client().newWorkflow(Echo.class, "reuse-restart");
        stub.release("later");
        assertThat(again.client().handle("reuse-restart", String.class).result(WAIT)).isEqualTo("released later");
        assertThat(run("reuse-restart").orElseThrow().runId()).isEqualTo(second.runId());
    }
}
