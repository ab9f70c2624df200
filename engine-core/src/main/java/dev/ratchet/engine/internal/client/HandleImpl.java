package dev.ratchet.engine.internal.client;

import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.ResultTimeoutException;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowFailedException;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import dev.ratchet.engine.store.HistoryEvent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A handle to one run; results are read as the workflow method's declared type, following continue-as-new to the last
 * run of the chain. Thread-safe.
 */
final class HandleImpl<R> implements WorkflowHandle<R> {
    private final ClientImpl client;
    private final String workflowId;
    private final String runId;
    private final Type resultType;
    private final boolean startedHere;
    /** The latest run of the chain seen so far (starts as this handle's run); only moves forward. */
    private volatile String latestRunId;

    HandleImpl(ClientImpl client, String workflowId, String runId, Type resultType, boolean startedHere) {
        this.client = client;
        this.workflowId = workflowId;
        this.runId = runId;
        this.resultType = resultType;
        this.startedHere = startedHere;
        this.latestRunId = runId;
    }

    @Override
    public String workflowId() {
        return workflowId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public R result() {
        client.ensureOpen();
        try {
            return decode(finalClose().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.ratchet.api.RatchetException("interrupted while waiting for workflow " + workflowId, e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    @Override
    public R result(Duration timeout) {
        dev.ratchet.api.InvalidArgumentException.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new dev.ratchet.api.InvalidArgumentException("timeout must not be negative, was " + timeout);
        }
        client.ensureOpen();
        try {
            return decode(finalClose().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new ResultTimeoutException(workflowId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.ratchet.api.RatchetException("interrupted while waiting for workflow " + workflowId, e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    @Override
    public CompletableFuture<R> resultAsync() {
        client.ensureOpen();
        return finalClose().thenApply(this::decode);
    }

    @Override
    public WorkflowDescription describe() {
        return client.describeRun(latestRun());
    }

    @Override
    public void cancel() {
        client.cancelRun(latestRun());
    }

    @Override
    public void terminate(String reason) {
        client.terminateRun(latestRun(), reason);
    }

    /**
     * The chain's latest run: this handle's run, or the run it continued as new into, followed to the end (a run the
     * workflow ID got by a later, unrelated start is not part of it). Remembered, so a long-lived chain is walked once.
     */
    private String latestRun() {
        client.ensureOpen();
        String r = latestRunId;
        while (true) {
            HistoryEvent closing = client.waiters().closingEvent(r).orElse(null);
            if (closing == null) {
                return r;
            }
            Events.Event e = client.events().parse(closing);
            if (e.type() != EventType.WorkflowContinuedAsNew) {
                return r;
            }
            r = e.text("newRunId");
            latestRunId = r;
        }
    }

    /** The closing event of the last run of this run's chain: a run that continued as new is followed. */
    private CompletableFuture<HistoryEvent> finalClose() {
        return follow(client.waiters().await(runId, startedHere));
    }

    private CompletableFuture<HistoryEvent> follow(CompletableFuture<HistoryEvent> close) {
        return close.thenCompose(closing -> {
            Events.Event e = client.events().parse(closing);
            if (e.type() != EventType.WorkflowContinuedAsNew) {
                return CompletableFuture.completedFuture(closing);
            }
            // the next run is created in the same commit as this close, so it exists by now
            return follow(client.waiters().await(e.text("newRunId"), false));
        });
    }

    @SuppressWarnings("unchecked")
    private R decode(HistoryEvent closing) {
        Events.Event e = client.events().parse(closing);
        if (e.type() == EventType.WorkflowCompleted) {
            return (R) client.payloads().read(e.json("result"), resultType, "result of workflow " + workflowId);
        }
        RatchetFailure failure = Failures.fromJson(client.events().mapper(), e.attrs().get("failure"));
        throw new WorkflowFailedException(workflowId, runId, failure);
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException re ? re : new dev.ratchet.api.RatchetException(
                "waiting for a result failed", e.getCause());
    }
}
