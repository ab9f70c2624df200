package dev.ratchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The test environment stops workflow code that breaks the determinism rules, naming the call and the alternative. */
class DeterminismHelpTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @BeforeEach
    void resetCounter() {
        Fixtures.SpawnerImpl.RAN.set(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Thread.sleep|Workflow.sleep(Duration)|dev.ratchet.testing.Fixtures$Blocking.pause",
        "1|Thread.join|Async.function(...) or Async.procedure(...)|dev.ratchet.testing.Fixtures$SleepyImpl.run",
        "2|Object.wait (a synchronized wait)|Workflow.await|dev.ratchet.testing.Fixtures$SleepyImpl.run"})
    void parksAWorkflowThatBlocksOutsideTheRuntimeNamingTheCallAndTheAlternative(int mode, String call,
            String alternative, String where) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().deadlockTimeout(Duration.ofMillis(300))
                .workflows(Fixtures.SleepyImpl.class).start()) {
            env.client().start(env.client().newWorkflow(Fixtures.Sleepy.class, "sleepy")::run, mode);
            WorkflowDescription d = awaitParked(env, "sleepy");
            assertThat(d.parkedError()).contains("blocked outside the Ratchet runtime in " + call + " at " + where)
                    .contains("use " + alternative);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "new Thread|new Thread(...)|Async.procedure(...) or Async.function(...)",
        "executor|ExecutorService.submit(...)|Async.procedure(...) or Async.function(...)",
        "single executor|ExecutorService.execute(...)|Async.procedure(...) or Async.function(...)",
        "virtual builder|Thread.ofVirtual().start(...)|Async.procedure(...) or Async.function(...)",
        "startVirtualThread|Thread.startVirtualThread(...)|Async.procedure(...) or Async.function(...)",
        "virtual executor|ExecutorService.submit(...) (its pool starts a thread) (a virtual thread)|Async.procedure",
        "platform builder|Thread.ofPlatform().start(...)|Async.procedure(...) or Async.function(...)",
        "timer|new java.util.Timer(...)|Workflow.newTimer(Duration) or Workflow.sleep(Duration)"})
    void parksAWorkflowThatStartsAThreadItNeverWaitsFor(String how, String call, String alternative) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().workflows(Fixtures.SpawnerImpl.class)
                .start()) {
            env.client().start(env.client().newWorkflow(Fixtures.Spawner.class, "spawner")::run, how);
            WorkflowDescription d = awaitParked(env, "spawner");
            assertThat(d.parkedError()).contains("workflow code started a thread with " + call)
                    .contains("SpawnerImpl.run(Fixtures.java:").contains("use " + alternative);
        }
        assertThat(Fixtures.SpawnerImpl.RAN).as("the thread was refused before it ran anything").hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(TestWorkflowEnvironment.StoreKind.class)
    void refusesThreadsInRealTimeAndOnEveryStore(TestWorkflowEnvironment.StoreKind store) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().timeSkipping(false).store(store)
                .workflows(Fixtures.SpawnerImpl.class).start()) {
            env.client().start(env.client().newWorkflow(Fixtures.Spawner.class, "spawner")::run, "virtual builder");
            assertThat(awaitParked(env, "spawner").parkedError()).contains("Thread.ofVirtual().start(...)");
        }
    }

    @Test
    void refusesWorkflowClassesThatSleepOrUseTheCommonPoolAtStart() {
        assertThatThrownBy(() -> TestWorkflowEnvironment.builder().workflows(Fixtures.CommonPoolImpl.class).start())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("workflow class dev.ratchet.testing.Fixtures$CommonPoolImpl calls "
                        + "CompletableFuture.runAsync (it runs code on the common ForkJoinPool)")
                .hasMessageContaining("use Async.procedure(...) or Async.function(...) and Promise.get()");
        assertThatThrownBy(() -> TestWorkflowEnvironment.builder().workflows(Fixtures.NapperImpl.class).start())
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Fixtures$NapperImpl calls Thread.sleep")
                .hasMessageContaining("use Workflow.sleep(Duration), a durable timer")
                .hasMessageContaining("NapperImpl calls a parallel stream (parallelStream()");
    }

    @Test
    void theChecksCanBeTurnedOff() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().determinismChecks(false)
                .workflows(Fixtures.SpawnerImpl.class).start()) {
            Fixtures.Spawner spawner = env.client().newWorkflow(Fixtures.Spawner.class, "spawner");
            assertThat(spawner.run("new Thread")).isEqualTo("done");
        }
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().determinismChecks(false)
                .workflows(Fixtures.NapperImpl.class).start()) {
            assertThat(env.client().newWorkflow(Fixtures.Spawner.class, "napper").run("")).isEqualTo("sum 6");
        }
    }

    @ParameterizedTest
    @CsvSource({"true, IN_MEMORY", "true, H2_IN_MEMORY", "false, IN_MEMORY"})
    void theEnginesOwnThreadsAndActivityThreadsPass(boolean timeSkipping, TestWorkflowEnvironment.StoreKind store) {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder().timeSkipping(timeSkipping).store(store)
                .engine(e -> e.maxCachedRuns(1))     // evictions replay workflow threads too
                .workflows(Fixtures.BusyImpl.class).activities(new Fixtures.ThreadedImpl()).start()) {
            assertThat(env.client().newWorkflow(Fixtures.Busy.class, "busy").run(3)).isEqualTo(36);
        }
    }

    private static WorkflowDescription awaitParked(TestWorkflowEnvironment env, String id) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        WorkflowDescription d = env.client().describe(id);
        while (d.status() != WorkflowStatus.PARKED && System.nanoTime() < deadline) {
            sleepBriefly();
            d = env.client().describe(id);
        }
        assertThat(d.status()).as("status of %s", d).isEqualTo(WorkflowStatus.PARKED);
        return d;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
