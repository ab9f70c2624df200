package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Promise.allOf} and {@code anyOf} over a run's promises. They complete eagerly, from the completion of their
 * inputs, so "first to complete" follows the order in which the run's steps completed them (history order), which is
 * the same on every replay.
 */
final class RunPromises {
    private RunPromises() {
    }

    static Promise<Void> allOf(WorkflowRun run, List<? extends Promise<?>> promises) {
        List<RunPromise<?>> own = own(run, promises);
        RunPromise<Void> all = new RunPromise<>(run);
        int[] left = {own.size()};
        if (own.isEmpty()) {
            all.complete(null);
        }
        for (RunPromise<?> p : own) {
            p.whenComplete(() -> {
                if (p.failure() != null) {
                    all.completeExceptionally(p.failure());
                } else if (--left[0] == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }

    static <T> Promise<T> anyOf(WorkflowRun run, List<? extends Promise<? extends T>> promises) {
        List<RunPromise<?>> own = own(run, promises);
        RunPromise<T> any = new RunPromise<>(run);
        for (RunPromise<?> p : own) {
            p.whenComplete(() -> {
                if (p.failure() != null) {
                    any.completeExceptionally(p.failure());
                } else {
                    @SuppressWarnings("unchecked")
                    T value = (T) p.value();
                    any.complete(value);
                }
            });
        }
        return any;
    }

    private static List<RunPromise<?>> own(WorkflowRun run, List<? extends Promise<?>> promises) {
        List<RunPromise<?>> out = new ArrayList<>(promises.size());
        for (int i = 0; i < promises.size(); i++) {
            if (!(promises.get(i) instanceof RunPromise<?> p) || p.run() != run) {
                throw new InvalidArgumentException("promises[" + i + "] (" + promises.get(i) + ") was not created by"
                        + " this workflow run; combine only promises returned by Async, Workflow and activity stubs"
                        + " of the same run");
            }
            out.add(p);
        }
        return out;
    }
}
