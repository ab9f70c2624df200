package dev.ratchet.benchmarks;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts {@link OrderWorkflow}s through a client and times each from just before {@code start} to the moment its
 * result is back, checking the result. Every wait is bounded by the timeout.
 */
final class Workload {
    private final WorkflowClient client;
    private final Duration timeout;
    private final String runTag;
    private final Runnable onMeasure;
    private final AtomicLong started = new AtomicLong();

    /** One concurrent batch: its wall time and each workflow's start-to-result latency. */
    record Batch(long wallNanos, long[] latencyNanos) {
    }

    /**
     * @param client    the client to start workflows with
     * @param timeout   the longest a result (or a whole batch) may take
     * @param runTag    a prefix that keeps workflow IDs unique per run
     * @param onMeasure called when the warm-up is over and measuring starts
     */
    Workload(WorkflowClient client, Duration timeout, String runTag, Runnable onMeasure) {
        this.client = client;
        this.timeout = timeout;
        this.runTag = runTag;
        this.onMeasure = onMeasure;
    }

    /** Marks the end of the warm-up: {@link #started()} counts from here. */
    void startMeasuring() {
        started.set(0);
        onMeasure.run();
    }

    /** How many workflows this workload started since {@link #startMeasuring()} (or ever, before it). */
    long started() {
        return started.get();
    }

    /** The client workflows are started with. */
    WorkflowClient client() {
        return client;
    }

    /** A workflow ID unique to this run. */
    String idOf(String name) {
        return runTag + "-" + name;
    }

    /** The longest a result may take. */
    Duration timeout() {
        return timeout;
    }

    /** Counts a workflow started by a benchmark other than {@link #runOne}. */
    void countStart() {
        started.incrementAndGet();
    }

    /** Runs one workflow and returns its start-to-result latency in nanoseconds. */
    long runOne(String name) {
        started.incrementAndGet();
        long t0 = System.nanoTime();
        OrderWorkflow stub = client.newWorkflow(OrderWorkflow.class, runTag + "-" + name);
        WorkflowHandle<String> handle = client.start(stub::fulfill, name);
        String result = handle.result(timeout);
        long latency = System.nanoTime() - t0;
        if (!OrderWorkflow.EXPECTED_RESULT.equals(result)) {
            throw new BenchFailure("workflow " + handle.workflowId() + " returned '" + result + "', expected '"
                    + OrderWorkflow.EXPECTED_RESULT + "'");
        }
        return latency;
    }

    /**
     * Starts {@code count} workflows at once, one virtual thread each (start, then wait for the result), and returns
     * when all are done. The wall time runs from releasing the threads to the last result.
     */
    Batch runConcurrent(String name, int count) {
        return runConcurrent(name, count, this::runOne);
    }

    /** Like {@link #runConcurrent(String, int)}, each thread running {@code one} (which returns its latency). */
    Batch runConcurrent(String name, int count, java.util.function.ToLongFunction<String> one) {
        long[] latencies = new long[count];
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(threads.submit(() -> {
                    go.await();
                    latencies[index] = one.applyAsLong(name + "-" + index);
                    return null;
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            long deadline = start + timeout.toNanos();
            for (Future<?> f : futures) {
                await(f, deadline);
            }
            return new Batch(System.nanoTime() - start, latencies);
        } finally {
            threads.shutdownNow();
            awaitTermination(threads);
        }
    }

    private void await(Future<?> future, long deadline) {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BenchFailure("batch not finished after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BenchFailure failure) {
                throw failure;
            }
            throw new BenchFailure("a workflow failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted", e);
        }
    }

    private static void awaitTermination(ExecutorService threads) {
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
