package dev.ratchet.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A reference to a started workflow run, usable from any thread and re-obtainable later by ID with
 * {@link WorkflowClient#handle(String, Class)}. Thread-safe.
 *
 * @param <R> the workflow's result type
 */
public interface WorkflowHandle<R> {
    /** The business ID. */
    String workflowId();

    /** The run this handle follows. */
    String runId();

    /** Waits for the result without limit; throws {@link WorkflowFailedException} if the workflow failed. */
    R result();

    /**
     * Waits at most {@code timeout} for the result.
     *
     * @throws ResultTimeoutException  if the workflow did not finish in time (it goes on running)
     * @throws WorkflowFailedException if the workflow failed
     */
    R result(Duration timeout);

    /** A future completed with the result, or exceptionally with {@link WorkflowFailedException}. */
    CompletableFuture<R> resultAsync();

    /** The run's current state, read from the store. */
    WorkflowDescription describe();

    /** Requests cancellation of this handle's run; see {@link WorkflowClient#cancel(String)}. */
    void cancel();

    /** Terminates this handle's run at once; see {@link WorkflowClient#terminate(String, String)}. */
    void terminate(String reason);
}
