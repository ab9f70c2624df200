package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowQueue;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A bounded queue between a run's workflow threads. Waiting threads are woken by the scheduler in creation order, so
 * which consumer gets an element is the same on every replay. Confined like the run's other state.
 */
final class RunQueue<E> implements WorkflowQueue<E> {
    private final WorkflowRun run;
    private final int capacity;
    private final ArrayDeque<E> elements = new ArrayDeque<>();

    RunQueue(WorkflowRun run, int capacity) {
        this.run = run;
        this.capacity = capacity;
    }

    @Override
    public void put(E element) {
        InvalidArgumentException.requireNonNull(element, "element");
        run.threads().await(() -> elements.size() < capacity);
        elements.add(element);
    }

    @Override
    public boolean offer(E element) {
        InvalidArgumentException.requireNonNull(element, "element");
        if (elements.size() >= capacity) {
            return false;
        }
        elements.add(element);
        return true;
    }

    @Override
    public E take() {
        run.threads().await(() -> !elements.isEmpty());
        return elements.poll();
    }

    @Override
    public E poll() {
        return elements.poll();
    }

    @Override
    public E poll(Duration timeout) {
        InvalidArgumentException.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new InvalidArgumentException("timeout must not be negative, was " + timeout
                    + "; pass Duration.ZERO to not wait");
        }
        return run.timers().await(timeout, () -> !elements.isEmpty()) ? elements.poll() : null;
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "WorkflowQueue" + elements;
    }
}
