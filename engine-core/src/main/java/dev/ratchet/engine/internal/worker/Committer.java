package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.EngineClosedException;
import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.WorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: run changes submitted by many threads are written together, several per store transaction, and each
 * submitter is completed only when its change is durable. Thread-safe.
 *
 * <p>Design note: a committer thread takes whatever is queued the moment it becomes free, so commits that arrive
 * during a transaction share the next one. When nothing is queued and a write slot is free, the caller writes its
 * commit itself: a lone commit then costs no thread hand-offs. The slots bound the transactions in flight to
 * {@code threads}, whichever thread runs them.
 */
public final class Committer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Committer.class);

    private record Pending(RunCommit commit, CompletableFuture<CommitResult> future) {
    }

    private final WorkflowStore store;
    private final int maxBatch;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final java.util.concurrent.Semaphore slots;
    private volatile boolean closed;

    /** Starts {@code threads} committer threads, each writing up to {@code maxBatch} changes per transaction. */
    public Committer(WorkflowStore store, int threads, int maxBatch, String name) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.slots = new java.util.concurrent.Semaphore(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = Thread.ofPlatform().daemon().name(name + "-committer-" + i).start(this::loop);
            this.threads.add(t);
        }
    }

    /** Queues a change; the future completes when it is durable (or rejected by a precondition). */
    public CompletableFuture<CommitResult> submit(RunCommit commit) {
        CompletableFuture<CommitResult> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new EngineClosedException("the engine is closed; its commits are not accepted"));
            return f;
        }
        queue.add(new Pending(commit, f));
        return f;
    }

    /** Submits and waits; writes on the calling thread when the committer is idle. */
    public CommitResult commit(RunCommit commit) {
        if (!closed && queue.isEmpty() && slots.tryAcquire()) {
            try {
                return store.commit(List.of(commit)).get(0);
            } finally {
                slots.release();
            }
        }
        try {
            return submit(commit).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                slots.acquire();
                try {
                    queue.drainTo(batch, maxBatch - 1);
                    write(batch);
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<RunCommit> commits = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            commits.add(p.commit());
        }
        try {
            List<CommitResult> results = store.commit(commits);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            log.warn("store commit of {} changes failed: {}", batch.size(), e.toString());
            StoreException failure = e instanceof StoreException se ? se
                    : new StoreException("store commit failed: " + e, e);
            for (Pending p : batch) {
                p.future().completeExceptionally(failure);
            }
        }
    }

    /** Writes what is queued, then stops the committer threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.future().completeExceptionally(new EngineClosedException("the engine closed before this commit"));
        }
    }
}
