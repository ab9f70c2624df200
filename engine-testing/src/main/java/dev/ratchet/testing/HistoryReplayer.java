package dev.ratchet.testing;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.engine.WorkflowReplayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays recorded histories (exported with {@link Histories}) against the current workflow classes and reports,
 * per history, OK or the non-determinism error with its position, recorded event and the code's new command. Meant
 * for a CI step before each deploy:
 *
 * <pre>{@code
 * HistoryReplayer.of(OrderWorkflowImpl.class).replay(Histories.read(Path.of("histories/orders.json")))
 *         .assertAllReplay();
 * }</pre>
 * Thread-safe.
 */
public final class HistoryReplayer {
    private final WorkflowReplayer replayer;

    private HistoryReplayer(WorkflowReplayer replayer) {
        this.replayer = replayer;
    }

    /** A replayer for the current versions of these workflow implementation classes. */
    public static HistoryReplayer of(Class<?>... workflowImplementations) {
        return new HistoryReplayer(WorkflowReplayer.of(workflowImplementations));
    }

    /** Replays each history; never throws for a history that fails, it is reported instead. */
    public Report replay(List<WorkflowHistory> histories) {
        InvalidArgumentException.requireNonNull(histories, "histories");
        List<Result> results = new ArrayList<>();
        for (WorkflowHistory h : histories) {
            RatchetException error = null;
            try {
                replayer.replay(h.workflowId(), h.runId(), h.events());
            } catch (RatchetException e) {
                error = e;
            }
            results.add(new Result(h, error));
        }
        return new Report(List.copyOf(results));
    }

    /** Replays the histories of the given files. */
    public Report replay(Path... files) {
        InvalidArgumentException.requireNonNull(files, "files");
        List<WorkflowHistory> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(Histories.read(f));
        }
        return replay(all);
    }

    /**
     * How one history replayed.
     *
     * @param history the history
     * @param error   null when it replayed; else why not (a {@link NonDeterminismException} for changed code)
     */
    public record Result(WorkflowHistory history, RatchetException error) {
        /** Whether the history replayed without error. */
        public boolean ok() {
            return error == null;
        }

        /** For a non-determinism error, the history position where code and history part; else -1. */
        public long position() {
            return error instanceof NonDeterminismException n ? n.position() : -1;
        }

        @Override
        public String toString() {
            return history.workflowId() + " (run " + history.runId() + ", " + history.workflowType() + "): "
                    + (ok() ? "OK" : error.getMessage());
        }
    }

    /**
     * The results of a replay, in the order of the histories.
     *
     * @param results one per history
     */
    public record Report(List<Result> results) {
        /** Whether every history replayed. */
        public boolean allOk() {
            return results.stream().allMatch(Result::ok);
        }

        /** The histories that did not replay. */
        public List<Result> failures() {
            return results.stream().filter(r -> !r.ok()).toList();
        }

        /** Throws an {@link AssertionError} listing every history that did not replay. */
        public void assertAllReplay() {
            if (!allOk()) {
                StringBuilder b = new StringBuilder(failures().size() + " of " + results.size()
                        + " histories do not replay on the current code:");
                failures().forEach(f -> b.append("\n  ").append(f));
                throw new AssertionError(b.toString());
            }
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            results.forEach(r -> b.append(r).append('\n'));
            return b.toString();
        }
    }
}
