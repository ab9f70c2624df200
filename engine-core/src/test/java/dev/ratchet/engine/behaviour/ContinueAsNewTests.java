package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.TimeoutType;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.api.WorkflowStatus;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.ChainWorkflows.Chain;
import dev.ratchet.engine.behaviour.ChainWorkflows.Counter;
import dev.ratchet.engine.behaviour.ChainWorkflows.Looper;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Workflow.continueAsNew: runs chained under one workflow ID, live, after eviction and after a restart. */
public abstract class ContinueAsNewTests extends EngineBehaviour {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Engine chainEngine(int cachedRuns) {
        return start(builder().maxCachedRuns(cachedRuns).workflows(ChainWorkflows.ChainImpl.class,
                ChainWorkflows.LooperImpl.class, ChainWorkflows.BadChainImpl.class, ChainWorkflows.CounterImpl.class));
    }

    /** The runs of a chain, first to last, read back through the WorkflowContinuedAsNew events. */
    private List<String> chain(String firstRunId) {
        List<String> runs = new ArrayList<>();
        String runId = firstRunId;
        while (runId != null) {
            runs.add(runId);
            List<HistoryEvent> history = read(s -> s.loadHistory(runs.get(runs.size() - 1), 1));
            HistoryEvent last = history.get(history.size() - 1);
            runId = last.type().equals("WorkflowContinuedAsNew")
                    ? last.attributes().replaceAll(".*\"newRunId\":\"([^\"]+)\".*", "$1") : null;
        }
        return runs;
    }

    /** The handle from the first start describes, cancels and terminates the chain's latest run, as it waits for it. */
    @Test
    void theFirstRunsHandleActsOnTheChainsLatestRun() {
        Engine engine = chainEngine(100);
        Counter counter = engine.client().newWorkflow(Counter.class, "chain-handle");
        WorkflowHandle<Long> first = engine.client().start(() -> counter.run(0L, 2));
        for (int i = 1; i <= 5; i++) {
            counter.add(1);
            long expected = i;  // one message at a time, so each run takes exactly two
            Await.until(WAIT, expected + " messages counted", () -> counter.total() == expected);
        }
        List<String> runs = chain(first.runId());
        assertThat(runs).as("2 messages per run").hasSizeGreaterThanOrEqualTo(3);
        String latest = runs.get(runs.size() - 1);

        assertThat(first.runId()).isEqualTo(runs.get(0));
        assertThat(first.describe().runId()).isEqualTo(latest);
        assertThat(first.describe().status()).isEqualTo(WorkflowStatus.RUNNING);
        first.terminate("handle test");

        assertThat(read(s -> s.findRun(latest)).orElseThrow().status()).isEqualTo(RunStatus.TERMINATED);
        assertThat(first.describe().status()).isEqualTo(WorkflowStatus.TERMINATED);
        assertThatThrownBy(() -> first.result(WAIT)).isInstanceOf(WorkflowFailedException.class)
                .hasMessageContaining("handle test");
        for (String continued : runs.subList(0, runs.size() - 1)) {
            assertThat(read(s -> s.findRun(continued)).orElseThrow().status()).isEqualTo(RunStatus.CONTINUED_AS_NEW);
        }
    }

    private void runsAChain(Engine engine, String id) {
        Chain chain = engine.client().newWorkflow(Chain.class, id);
        WorkflowHandle<String> first = engine.client().start(() -> chain.run(1, 4, false));

        String result = first.result(WAIT);

        List<String> runs = chain(first.runId());
        assertThat(runs).hasSize(4).doesNotHaveDuplicates();
        assertThat(result).isEqualTo("done 4 in " + runs.get(3));
        for (String runId : runs.subList(0, 3)) {
            RunRecord r = read(s -> s.findRun(runId)).orElseThrow();
            assertThat(r.status()).isEqualTo(RunStatus.CONTINUED_AS_NEW);
            assertThat(eventTypes(runId)).startsWith("WorkflowStarted").endsWith("WorkflowContinuedAsNew");
        }
        assertThat(eventTypes(runs.get(3)).get(0)).as("a fresh history").isEqualTo("WorkflowStarted");
        assertThat(run(id).orElseThrow().runId()).isEqualTo(runs.get(3));
        assertThat(engine.client().handle(id, String.class).result(WAIT)).isEqualTo(result);
        assertThat(engine.client().describe(id).status()).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void aChainRunsLiveAndTheFirstHandleGetsTheLastResult() {
        runsAChain(chainEngine(100), "chain-live");
    }

    @Test
    void aChainRunsWhenEveryRunIsEvictedBetweenTasks() {
        Engine engine = chainEngine(1);
        Looper other = engine.client().newWorkflow(Looper.class, "chain-evictor");
        WorkflowHandle<Integer> noise = engine.client().start(() -> other.run(1, 3, 5));
        runsAChain(engine, "chain-evicted");
        assertThat(noise.result(WAIT)).isEqualTo(3);
    }

    @Test
    void aChainContinuesAfterARestartAndHandlesFollowIt() {
        Engine engine = chainEngine(100);
        Chain chain = engine.client().newWorkflow(Chain.class, "chain-restart");
        WorkflowHandle<String> first = engine.client().start(() -> chain.run(1, 3, true));
        chain.next();
        Await.until(WAIT, "the second run", () -> chain(first.runId()).size() == 2);
        stop(engine);

        Engine again = chainEngine(100);
        Chain stub = again.client().newWorkflow(Chain.class, "chain-restart");
        WorkflowHandle<String> latest = again.client().handle("chain-restart", String.class);
        assertThat(latest.runId()).isEqualTo(chain(first.runId()).get(1));
        stub.next();
        Await.until(WAIT, "the third run", () -> chain(first.runId()).size() == 3);
        stub.next();

        List<String> runs = chain(first.runId());
        assertThat(latest.result(WAIT)).isEqualTo("done 3 in " + runs.get(2));
        assertThat(again.client().handle("chain-restart", String.class).result(WAIT))
                .isEqualTo("done 3 in " + runs.get(2));
    }

    @Test
    void messagesSentWhileRunsContinueAsNewGoToTheLatestRunAndQueriesFollow() throws Exception {
        Engine engine = chainEngine(100);
        Counter counter = engine.client().newWorkflow(Counter.class, "chain-counter");
        WorkflowHandle<Long> first = engine.client().start(() -> counter.run(0L, 5));
        int senders = 4;
        int each = 25;
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders + 1)) {
            for (int s = 0; s < senders; s++) {
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        counter.add(1);   // a run that closes under it must not refuse it
                    }
                }));
            }
            sent.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    assertThat(counter.addAndGet(1)).isPositive();
                }
            }));
            for (Future<?> f : sent) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        long expected = (long) (senders + 1) * each;
        Await.until(WAIT, "every message counted", () -> counter.total() == expected);
        counter.stop();

        assertThat(first.result(WAIT)).isEqualTo(expected);
        // a run takes 5 messages, or more when they arrive together in one workflow task
        assertThat(chain(first.runId())).hasSizeGreaterThan(1);
    }

    @Test
    void aRunThatContinuesInItsFirstTaskIsStartedThenContinued() {
        Engine engine = start(builder().workflows(ChildWorkflows.CounterImpl.class));
        ChildWorkflows.Counter counter = engine.client().newWorkflow(ChildWorkflows.Counter.class, "chain-at-once");
        WorkflowHandle<String> first = engine.client().start(() -> counter.count(1, 3, false));
        assertThat(first.result(WAIT)).isEqualTo("counted 3");
        List<String> runs = chain(first.runId());
        assertThat(runs).hasSize(3);
        assertThat(eventTypes(runs.get(0))).containsExactly("WorkflowStarted", "WorkflowTaskCompleted",
                "WorkflowContinuedAsNew");
        assertThat(engine.client().describe("chain-at-once").continuedFromRunId()).isEqualTo(runs.get(1));
    }

    @Test
    void theExecutionTimeoutSpansTheChainAndTheRunTimeoutEachRun() {
        Engine engine = chainEngine(100);
        Looper perRun = engine.client().newWorkflow(Looper.class,
                WorkflowOptions.of("chain-run-timeout").withRunTimeout(Duration.ofMillis(1500)));
        WorkflowHandle<Integer> h = engine.client().start(() -> perRun.run(1, 6, 400));
        assertThat(h.result(WAIT)).as("six runs of 400 ms outlast one run timeout").isEqualTo(6);

        Looper forever = engine.client().newWorkflow(Looper.class,
                WorkflowOptions.of("chain-execution-timeout").withExecutionTimeout(Duration.ofMillis(1500)));
        WorkflowHandle<Integer> endless = engine.client().start(() -> forever.run(1, 1_000_000, 300));

        assertThatThrownBy(() -> endless.result(WAIT)).isInstanceOfSatisfying(WorkflowFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOfSatisfying(TimeoutFailure.class,
                        t -> assertThat(t.timeoutType()).isEqualTo(TimeoutType.WORKFLOW_EXECUTION)));
        assertThat(chain(endless.runId()).size()).as("it timed out in a later run").isGreaterThan(1);
    }

    @Test
    void continueAsNewWithBadArgumentsParksTheRunAndStartsNothing() {
        Engine engine = chainEngine(100);
        ChainWorkflows.BadChain bad = engine.client().newWorkflow(ChainWorkflows.BadChain.class, "chain-bad-count");
        WorkflowHandle<String> h = engine.client().start(bad::run, "count");
        ChainWorkflows.BadChain badType = engine.client().newWorkflow(ChainWorkflows.BadChain.class,
                "chain-bad-type");
        WorkflowHandle<String> h2 = engine.client().start(badType::run, "type");

        Await.until(WAIT, "parked", () -> h.describe().status() == WorkflowStatus.PARKED
                && h2.describe().status() == WorkflowStatus.PARKED);
        assertThat(h.describe().parkedError()).contains("continueAsNew").contains("takes 1 argument(s), got 2");
        assertThat(h2.describe().parkedError()).contains("continueAsNew");
        assertThat(run("chain-bad-count").orElseThrow().runId()).isEqualTo(h.runId());
        assertThat(eventTypes(h.runId())).doesNotContain("WorkflowContinuedAsNew");
    }
}
