package dev.ratchet.engine.internal.worker;

import dev.ratchet.api.ActivityContext;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.store.ActivityTask;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link ActivityContext} of one attempt: facts from its task, heartbeats through its {@link Heartbeater}, and
 * the async-completion switch. Thread-safe (the attempt may hand it to threads it starts).
 */
final class AttemptContext implements ActivityContext {
    private final ActivityTask task;
    private final Heartbeater heartbeats;
    private final Payloads payloads;
    private volatile boolean completesLater;

    AttemptContext(ActivityTask task, Heartbeater heartbeats, Payloads payloads) {
        this.task = task;
        this.heartbeats = heartbeats;
        this.payloads = payloads;
    }

    @Override
    public String workflowId() {
        return task.workflowId();
    }

    @Override
    public String runId() {
        return task.runId();
    }

    @Override
    public String activityId() {
        return task.activityId();
    }

    @Override
    public String activityType() {
        return task.activityType();
    }

    @Override
    public int attempt() {
        return task.attempt();
    }

    @Override
    public Instant scheduledTime() {
        return Instant.ofEpochMilli(task.scheduledAt());
    }

    @Override
    public Instant startedTime() {
        return Instant.ofEpochMilli(task.startedAt());
    }

    @Override
    public String idempotencyKey() {
        // run ID and activity ID: fixed for the invocation across attempts and replays, unique per invocation
        return task.runId() + "/" + task.activityId();
    }

    @Override
    public void heartbeat(Object details) {
        String json = details == null ? null
                : payloads.write(details, "heartbeat details of activity " + task.activityType());
        heartbeats.beat(json);
    }

    @Override
    public <T> Optional<T> heartbeatDetails(Class<T> type) {
        dev.ratchet.api.InvalidArgumentException.requireNonNull(type, "type");
        String json = heartbeats.latestDetails();
        if (json == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        T value = (T) payloads.read(json, type, "heartbeat details of activity " + task.activityType());
        return Optional.ofNullable(value);
    }

    @Override
    public void doNotCompleteOnReturn() {
        completesLater = true;
    }

    @Override
    public String taskToken() {
        return TaskTokens.encode(task);
    }

    boolean completesLater() {
        return completesLater;
    }
}
