package dev.ratchet.engine.internal.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.NonDeterminismException;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.history.Failures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Delivers signals and accepted updates to a run's workflow instance. Each message runs its handler on a new workflow
 * thread, started in the order the messages appear in history, so a replay reaches the same interleaving; a handler
 * may block (await, call activities). Signal handlers that throw a workflow failure fail the workflow, any other
 * exception parks the run (as in the workflow method); an update handler's outcome, result or exception, is recorded
 * as an UpdateCompleted command for its caller.
 */
final class RunMessages {
    private final WorkflowRun run;
    /** IDs of the updates accepted in this run (on replay too), so that an update is never accepted twice. */
    private final java.util.Set<String> accepted = new java.util.HashSet<>();

    RunMessages(WorkflowRun run) {
        this.run = run;
    }

    /** Whether the run's history holds the acceptance of this update. */
    boolean accepted(String updateId) {
        return accepted.contains(updateId);
    }

    void signal(Events.Event e) {
        String name = e.text("name");
        Method handler = run.definition().handlers().signals().get(name);
        if (handler == null) {
            throw unknown(e, "SignalReceived(name=" + name + ")", "@SignalMethod");
        }
        String input = e.json("input");
        run.threads().startThread("signal " + name, () -> {
            try {
                Object[] args = run.config().payloads().readArgs(input, handler.getGenericParameterTypes(),
                        "input of signal " + name);
                handler.invoke(run.instance(), args);
            } catch (InvocationTargetException ex) {
                run.outcome().finishWithThrowable(ex.getCause());
            } catch (WorkflowThread.DestroyedError ex) {
                throw ex;
            } catch (Throwable t) {
                run.outcome().finishWithThrowable(t);
            }
        });
    }

    void update(Events.Event e) {
        String name = e.text("name");
        String updateId = e.text("updateId");
        accepted.add(updateId);
        Method handler = run.definition().handlers().updates().get(name);
        if (handler == null) {
            throw unknown(e, "UpdateAccepted(updateId=" + updateId + ", name=" + name + ")", "@UpdateMethod");
        }
        String input = e.json("input");
        run.threads().startThread("update " + name, () -> {
            String result = null;
            ObjectNode failure = null;
            try {
                Object[] args = run.config().payloads().readArgs(input, handler.getGenericParameterTypes(),
                        "input of update " + name);
                result = run.config().payloads().write(handler.invoke(run.instance(), args),
                        "result of update " + name);
            } catch (InvocationTargetException ex) {
                if (ex.getCause() instanceof WorkflowThread.DestroyedError d) {
                    throw d;
                }
                failure = Failures.toJson(run.config().events().mapper(), ex.getCause());
            } catch (WorkflowThread.DestroyedError ex) {
                throw ex;
            } catch (RuntimeException ex) {
                failure = Failures.toJson(run.config().events().mapper(), ex);
            } catch (Throwable t) {
                run.outcome().finishWithThrowable(t);
                return;
            }
            if (!run.isClosed()) {
                // the caller learns the outcome from this recorded event, so it is a command matched on replay
                run.issue(new Command.CompleteUpdate(updateId, result, failure, run.location()));
            }
        });
    }

    /** A recorded message whose handler the code no longer declares: the history cannot be replayed by this code. */
    private NonDeterminismException unknown(Events.Event e, String recorded, String annotation) {
        return new NonDeterminismException(run.info().workflowId(), run.info().runId(), e.seq(), recorded,
                "no " + annotation + " of that name in " + run.definition().iface().getName(), "unknown");
    }
}
