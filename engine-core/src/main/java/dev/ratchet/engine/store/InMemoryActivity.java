package dev.ratchet.engine.store;

/** An activity task as {@link InMemoryStore} keeps it, with its attempt state and claim. */
final class InMemoryActivity {
    final NewActivityTask task;
    final long order;
    int attempt;
    long availableAt;
    String lastFailure;
    long startedAt;
    long heartbeatAt;
    String heartbeatDetails;
    long deadline; // 0 = none
    boolean cancelRequested;
    boolean async;
    final InMemoryLease lease = new InMemoryLease();

    InMemoryActivity(NewActivityTask task, long order) {
        this.task = task;
        this.order = order;
    }

    ActivityTask view(boolean abandoned) {
        NewActivityTask t = task;
        return new ActivityTask(t.runId(), t.workflowId(), t.activityId(), t.activityType(), t.taskQueue(),
                t.input(), t.options(), attempt, lease.fence, abandoned, lastFailure, t.scheduledAt(),
                availableAt, startedAt, heartbeatAt, heartbeatDetails, t.timeouts(), cancelRequested, async);
    }
}
