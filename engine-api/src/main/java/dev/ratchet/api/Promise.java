package dev.ratchet.api;

/**
 * The result of an asynchronous operation inside workflow code. {@link #get()} blocks the workflow thread
 * deterministically (it yields to the engine's scheduler, never to the OS), so it may be used freely in workflow code.
 * Not for use outside workflow code.
 */
public interface Promise<T> {
    /** Waits for the value; throws the operation's failure if it failed. */
    T get();

    /** Whether the value or failure is available. */
    boolean isCompleted();
}
