package dev.ratchet.api;

import java.time.Duration;

/**
 * A bounded FIFO queue between the workflow threads of one run ({@link Workflow#newQueue(int)}). Blocking operations
 * yield to the engine's scheduler, so which waiting thread proceeds first is the same on every replay (the one created
 * first). Null elements are not allowed. Only for the workflow threads of the run that created it.
 */
public interface WorkflowQueue<E> {
    /** Adds {@code element}, blocking while the queue is full. */
    void put(E element);

    /** Adds {@code element} if there is room; returns whether it was added. */
    boolean offer(E element);

    /** Removes and returns the head, blocking while the queue is empty. */
    E take();

    /** Removes and returns the head, or null if the queue is empty. */
    E poll();

    /**
     * Removes and returns the head, waiting at most {@code timeout} of workflow time (a durable timer) for one; null
     * if none came.
     */
    E poll(Duration timeout);

    /** How many elements are queued. */
    int size();

    /** The most elements the queue holds. */
    int capacity();
}
