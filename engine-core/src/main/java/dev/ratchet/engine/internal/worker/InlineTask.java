package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.runtime.WorkflowRun;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import java.util.List;

/**
 * Runs a workflow task on a run (whose lock the caller holds) over inputs that are committed with it, and commits;
 * the task processor's one way to run and commit workflow code, handed to the parts that start runs and deliver inputs.
 */
@FunctionalInterface
interface InlineTask {
    CommitResult run(WorkflowRun run, TaskCommits.Origin origin, List<HistoryEvent> inputs, long now);
}
