package dev.ratchet.examples.fanout;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.Promise;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out/fan-in: one workflow schedules an activity per item of a batch of 1,000 without waiting for each
 * ({@code Async.function}), waits for all of them ({@code Promise.allOf}) and aggregates their results. The
 * activities run in parallel on the engine's activity slots (or on every engine of a shared PostgreSQL store).
 * Larger batches will be split into child workflows of a few thousand items each, once child workflows are
 * available; one workflow's history holds a few events per activity.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.fanout.BatchProcessing [-Ddemo.args=--postgres]</pre>
 */
public final class BatchProcessing {
    /** Items in the batch. */
    public static final int ITEMS = 1_000;

    private BatchProcessing() {
    }

    /** The aggregate of a batch. */
    public record Summary(int items, long total, int largest) {
    }

    // fan-out: begin
    @ActivityInterface
    public interface Scoring { int score(int item); }

    @WorkflowInterface
    public interface Batch { @WorkflowMethod Summary process(int items); }

    public static class BatchImpl implements Batch {
        private final Scoring scoring = Workflow.activities(Scoring.class, ActivityOptions.of(Duration.ofSeconds(30)));

        public Summary process(int items) {
            List<Promise<Integer>> scores = new ArrayList<>();
            for (int item = 1; item <= items; item++) {
                scores.add(Async.function(scoring::score, item));    // fan out: scheduled, not awaited
            }
            Promise.allOf(scores).get();                             // fan in: wait for every one
            long total = 0;
            int largest = 0;
            for (Promise<Integer> score : scores) {
                total += score.get();
                largest = Math.max(largest, score.get());
            }
            return new Summary(items, total, largest);
        }
    }
    // fan-out: end

    /** Scores an item (its digit sum times 10) and counts the calls. Thread-safe. */
    public static class DigitScoring implements Scoring {
        /** Activity invocations run. */
        public final AtomicInteger calls = new AtomicInteger();

        public int score(int item) {
            int done = calls.incrementAndGet();
            if (done % 250 == 0) {
                System.out.println("  " + done + " items scored");
            }
            return 10 * String.valueOf(item).chars().map(c -> c - '0').sum();
        }
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args), new DigitScoring());
    }

    /** Processes one batch of {@link #ITEMS} items and returns its summary. */
    public static Summary run(ExampleStore where, DigitScoring scoring) {
        System.out.println("Fan-out/fan-in of " + ITEMS + " items on " + where.describe("fanout"));
        try (Engine engine = Engine.builder().store(where.fresh("fanout"))
                .workflows(BatchImpl.class).activities(scoring).start()) {
            long started = System.nanoTime();
            Summary summary = engine.client().newWorkflow(Batch.class, "batch-1").process(ITEMS);
            System.out.printf("batch-1: %s in %d ms%n", summary, (System.nanoTime() - started) / 1_000_000);
            return summary;
        }
    }
}
