package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.engine.internal.history.Failures;
import java.lang.reflect.InvocationTargetException;

/**
 * How a run ends: the root workflow thread runs the workflow method, and its return, a workflow failure or
 * {@code continueAsNew} records the closing command; an unexpected exception of workflow code, or an error that
 * aborts the whole task (an unsupported version), fails the task instead, which parks the run. Once closed or failed,
 * no other workflow thread runs. Confined like the run's other state.
 */
final class RunOutcome {
    private final WorkflowRun run;
    private final DeterministicScheduler scheduler;
    private boolean closed;
    /** An exception of workflow code the task cannot record: the run is parked with it. */
    private Throwable unexpected;
    /** An error that fails the task as a whole (not seen by workflow code), such as an unsupported version. */
    private RuntimeException taskError;

    RunOutcome(WorkflowRun run, DeterministicScheduler scheduler) {
        this.run = run;
        this.scheduler = scheduler;
    }

    /** Whether the code recorded a closing command. */
    boolean closed() {
        return closed;
    }

    /** After the code ran until every thread blocked: throws what fails this task, if anything does. */
    void throwIfFailed() {
        if (taskError != null) {
            throw taskError;
        }
        if (unexpected != null) {
            throw new WorkflowCodeException(run.info(), unexpected);
        }
    }

    /** The body of the root workflow thread: runs the workflow method and closes the run with its outcome. */
    void runRoot(String inputJson) {
        RuntimeConfig config = run.config();
        dev.ratchet.engine.internal.definition.WorkflowDefinition definition = run.definition();
        Object result;
        try {
            Object[] args = config.payloads().readArgs(inputJson, definition.parameterTypes(),
                    "input of workflow " + definition.type());
            result = definition.method().invoke(run.instance(), args);
        } catch (InvocationTargetException e) {
            finishWithThrowable(e.getCause());
            return;
        } catch (WorkflowThread.DestroyedError e) {
            throw e;
        } catch (Throwable t) {
            finishWithThrowable(t);
            return;
        }
        String json;
        try {
            json = config.payloads().write(result, "result of workflow " + definition.type());
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        close(new Command.CompleteWorkflow(json, run.location()));
    }

    /**
     * Ends the run with what a workflow thread threw: a workflow failure (or any exception, with
     * {@code failOnUnexpectedError}) fails the workflow; anything else parks the run.
     */
    void finishWithThrowable(Throwable t) {
        if (t instanceof WorkflowThread.DestroyedError d) {
            throw d;
        }
        if (t instanceof RatchetFailure || run.config().failOnUnexpectedError()) {
            close(new Command.FailWorkflow(Failures.toJson(run.config().events().mapper(), t), run.location()));
        } else {
            fail(t);
        }
    }

    /**
     * Closes the run by continuing as a new run with {@code args} (checked against the workflow method's parameters);
     * unwinds the calling thread like an eviction, as nothing of it may run afterwards.
     */
    void continueAsNew(Object[] args) {
        dev.ratchet.engine.internal.definition.WorkflowDefinition definition = run.definition();
        Class<?>[] params = definition.method().getParameterTypes();
        String what = "arguments of continueAsNew of workflow " + definition.type();
        if (args.length != params.length) {
            throw new InvalidArgumentException(what + ": its workflow method " + definition.method().getName()
                    + " takes " + params.length + " argument(s), got " + args.length
                    + "; pass exactly the arguments of the next run's workflow method");
        }
        String json = run.config().payloads().writeArgs(args, what);
        run.config().payloads().readArgs(json, definition.parameterTypes(), what); // wrong types fail here
        close(new Command.ContinueAsNew(json, run.location()));
        throw new WorkflowThread.DestroyedError();
    }

    /**
     * Fails the whole workflow task with {@code error} (the run is parked with it) without letting workflow code see
     * or catch it: the calling workflow thread stops here, and no other thread runs in this task. Never returns.
     */
    RuntimeException abortTask(RuntimeException error) {
        if (taskError == null) {
            taskError = error;
        }
        scheduler.halt();
        return run.threads().blockForever();
    }

    /** Parks the run with an unexpected error of workflow code; no thread runs any more in this task. */
    void fail(Throwable t) {
        if (unexpected == null) {
            unexpected = t;
        }
        scheduler.halt();
    }

    /** Records the closing command; the other workflow threads do not run any more. */
    private void close(Command closing) {
        run.issue(closing);
        closed = true;
        scheduler.halt();
    }
}
