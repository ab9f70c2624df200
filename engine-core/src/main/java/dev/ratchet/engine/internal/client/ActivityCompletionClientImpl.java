package dev.ratchet.engine.internal.client;

import dev.ratchet.api.ActivityCompletionClient;
import dev.ratchet.api.ActivityCompletionException;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowOptions;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.worker.ActivityOutcomes;
import dev.ratchet.engine.internal.worker.TaskTokens;
import dev.ratchet.engine.store.ActivityTask;
import dev.ratchet.engine.store.HeartbeatResult;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowStore;
import java.time.Clock;

/**
 * The engine's {@link ActivityCompletionClient}: finds the attempt a token or (workflow ID, activity ID) names, and
 * records its outcome through the same fenced path as attempts run by engines, so a stale, finished or unknown
 * attempt changes nothing and gets an {@link ActivityCompletionException}. Works from any engine on the store,
 * whether or not it registers the workflow or the activity. Thread-safe.
 */
final class ActivityCompletionClientImpl implements ActivityCompletionClient {
    private final WorkflowStore store;
    private final ActivityOutcomes outcomes;
    private final Payloads payloads;
    private final Clock clock;
    private final Runnable ensureOpen;

    ActivityCompletionClientImpl(WorkflowStore store, ActivityOutcomes outcomes, Payloads payloads, Clock clock,
            Runnable ensureOpen) {
        this.store = store;
        this.outcomes = outcomes;
        this.payloads = payloads;
        this.clock = clock;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public void complete(String taskToken, Object result) {
        complete(byToken(taskToken), result);
    }

    @Override
    public void complete(String workflowId, String activityId, Object result) {
        complete(byId(workflowId, activityId), result);
    }

    private void complete(ActivityTask task, Object result) {
        // serialize first: a bad payload changes nothing
        String json = payloads.write(result, "result of activity " + task.activityType());
        if (!outcomes.complete(task, json)) {
            throw ended(task);
        }
    }

    @Override
    public void fail(String taskToken, ApplicationFailure failure) {
        InvalidArgumentException.requireNonNull(failure, "failure");
        fail(byToken(taskToken), failure);
    }

    @Override
    public void fail(String workflowId, String activityId, ApplicationFailure failure) {
        InvalidArgumentException.requireNonNull(failure, "failure");
        fail(byId(workflowId, activityId), failure);
    }

    private void fail(ActivityTask task, ApplicationFailure failure) {
        if (!outcomes.failAttempt(task, outcomes.options(task), failure)) {
            throw ended(task);
        }
    }

    @Override
    public void heartbeat(String taskToken, Object details) {
        heartbeat(byToken(taskToken), details);
    }

    @Override
    public void heartbeat(String workflowId, String activityId, Object details) {
        heartbeat(byId(workflowId, activityId), details);
    }

    private void heartbeat(ActivityTask task, Object details) {
        String json = details == null ? null
                : payloads.write(details, "heartbeat details of activity " + task.activityType());
        HeartbeatResult r = store.heartbeatActivity(task.runId(), task.activityId(), task.fence(), json,
                clock.millis());
        if (r == HeartbeatResult.STALE) {
            throw ended(task);
        }
        if (r == HeartbeatResult.CANCEL_REQUESTED) {
            throw new CanceledFailure("activity " + task.activityType() + " (id " + task.activityId()
                    + ") was canceled");
        }
    }

    /** The attempt a token names, if it is still the current, running attempt. */
    private ActivityTask byToken(String taskToken) {
        ensureOpen.run();
        TaskTokens.Token t = TaskTokens.decode(taskToken);
        ActivityTask task = store.findActivityTask(t.runId(), t.activityId())
                .orElseThrow(() -> new ActivityCompletionException("activity " + t.activityId() + " of run "
                        + t.runId() + " is not open (it completed, failed or never existed)"));
        if (task.fence() != t.fence() || task.startedAt() == 0) {
            throw new ActivityCompletionException("the attempt of activity " + t.activityId() + " of run "
                    + t.runId() + " named by this token already ended (it timed out, failed or was retried); the "
                    + "activity is on attempt " + task.attempt() + (task.startedAt() == 0 ? ", waiting to run" : ""));
        }
        return task;
    }

    /** The running attempt of the open activity of the latest run of a workflow. */
    private ActivityTask byId(String workflowId, String activityId) {
        ensureOpen.run();
        WorkflowOptions.validateId(workflowId, "workflowId");
        InvalidArgumentException.requireNonBlank(activityId, "activityId");
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new ActivityCompletionException(
                "no workflow with ID " + workflowId));
        ActivityTask task = store.findActivityTask(run.runId(), activityId).orElseThrow(() ->
                new ActivityCompletionException("activity " + activityId + " of workflow " + workflowId + " (run "
                        + run.runId() + ") is not open (it completed, failed or never existed)"));
        if (task.startedAt() == 0) {
            throw new ActivityCompletionException("activity " + activityId + " of workflow " + workflowId
                    + " has no running attempt (it is waiting for attempt " + (task.attempt() + 1) + ")");
        }
        return task;
    }

    private static ActivityCompletionException ended(ActivityTask task) {
        return new ActivityCompletionException("attempt " + task.attempt() + " of activity " + task.activityId()
                + " of run " + task.runId() + " already ended (completed, failed, timed out or retried); nothing "
                + "was changed");
    }
}
