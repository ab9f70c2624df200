package dev.ratchet.examples.fanout;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.ChildWorkflowOptions;
import dev.ratchet.api.Promise;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out/fan-in on two levels: a batch workflow splits 1,000 items into chunks of 100 and starts one child workflow
 * per chunk without waiting for each ({@code Async.function} on a child stub); each child schedules an activity per
 * item the same way, waits for all of them ({@code Promise.allOf}) and sums its chunk; the parent waits for every
 * child and adds their sums. The activities run in parallel on the engine's activity slots (or on every engine of a
 * shared PostgreSQL store), and each run's history stays short: the parent's holds a few events per chunk, a child's a
 * few per item.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.fanout.BatchProcessing [-Ddemo.args=--postgres]</pre>
 */
public final class BatchProcessing {
    /** Items in the batch. */
    public static final int ITEMS = 1_000;
    /** Items per child workflow. */
    public static final int CHUNK = 100;

    private BatchProcessing() {
    }

    // fan-out: begin
    /** The aggregate of a chunk or a whole batch. */
    public record Summary(int items, long total, int largest) {
        static final Summary NONE = new Summary(0, 0, 0);

        Summary plus(Summary other) {
            return new Summary(items + other.items, total + other.total, Math.max(largest, other.largest));
        }
    }

    @ActivityInterface
    public interface Scoring { int score(int item); }

    @WorkflowInterface
    public interface Batch { @WorkflowMethod Summary process(int items); }

    /** One chunk of the batch, scored by a child workflow. */
    @WorkflowInterface
    public interface Chunk { @WorkflowMethod Summary score(int first, int last); }

    /** The parent: a child workflow per chunk. */
    public static class BatchImpl implements Batch {
        public Summary process(int items) {
            List<Promise<Summary>> chunks = new ArrayList<>();
            for (int first = 1; first <= items; first += CHUNK) {
                Chunk chunk = Workflow.newChildWorkflowStub(Chunk.class, ChildWorkflowOptions.defaults()
                        .withWorkflowId(Workflow.info().workflowId() + "/items-" + first));
                chunks.add(Async.function(chunk::score, first, Math.min(first + CHUNK - 1, items)));  // fan out
            }
            Promise.allOf(chunks).get();                                 // fan in: every child has finished
            Summary batch = Summary.NONE;
            for (Promise<Summary> chunk : chunks) {
                batch = batch.plus(chunk.get());
            }
            return batch;
        }
    }

    /** A child: an activity per item. */
    public static class ChunkImpl implements Chunk {
        private final Scoring scoring = Workflow.activities(Scoring.class, ActivityOptions.of(Duration.ofSeconds(30)));

        public Summary score(int first, int last) {
            List<Promise<Integer>> scores = new ArrayList<>();
            for (int item = first; item <= last; item++) {
                scores.add(Async.function(scoring::score, item));       // fan out: scheduled, not awaited
            }
            Promise.allOf(scores).get();                                 // fan in: wait for every one
            Summary chunk = Summary.NONE;
            for (Promise<Integer> score : scores) {                      // in creation order: deterministic
                chunk = chunk.plus(new Summary(1, score.get(), score.get()));
            }
            return chunk;
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

    /**
     * What {@link #run} produced.
     *
     * @param summary the batch's aggregate
     * @param chunks  the child workflows that scored the chunks
     */
    public record Outcome(Summary summary, List<WorkflowDescription> chunks) {
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args), new DigitScoring());
    }

    /** Processes one batch of {@link #ITEMS} items in child workflows of {@link #CHUNK} items each. */
    public static Outcome run(ExampleStore where, DigitScoring scoring) {
        System.out.println("Fan-out/fan-in of " + ITEMS + " items in chunks of " + CHUNK + " on "
                + where.describe("fanout"));
        try (Engine engine = Engine.builder().store(where.fresh("fanout"))
                .workflows(BatchImpl.class, ChunkImpl.class).activities(scoring).start()) {
            long started = System.nanoTime();
            Summary summary = engine.client().newWorkflow(Batch.class, "batch-1").process(ITEMS);
            System.out.printf("batch-1: %s in %d ms, %d events%n", summary, (System.nanoTime() - started) / 1_000_000,
                    engine.client().describe("batch-1").historyLength());
            List<WorkflowDescription> chunks = engine.client()
                    .list(WorkflowListQuery.all().withWorkflowType("Chunk")).workflows();
            for (WorkflowDescription c : chunks.stream().sorted(Comparator.comparing(
                    (WorkflowDescription d) -> d.workflowId().length()).thenComparing(d -> d.workflowId())).toList()) {
                System.out.println("  child " + c.workflowId() + ": " + c.status() + ", " + c.historyLength()
                        + " events");
            }
            return new Outcome(summary, chunks);
        }
    }
}
