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

    /** The run this handle was made for: the first run of its chain when the workflow continues as new. */
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

    /**
     * The current state of this handle's run, read from the store; after continue-as-new, of the chain's latest run
     * (as {@link #result()} follows the chain).
     */
    WorkflowDescription describe();

    /**
     * Requests cancellation of this handle's run, or of the chain's latest run after continue-as-new; see
     * {@link WorkflowClient#cancel(String)}.
     */
    void cancel();

    /**
     * Terminates this handle's run at once, or the chain's latest run after continue-as-new; see
     * {@link WorkflowClient#terminate(String, String)}.
     */
    void terminate(String reason);
}
