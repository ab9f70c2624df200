package dev.ratchet.engine.internal.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;

/** A decision of workflow code; each becomes one history event and is matched against history on replay. */
public sealed interface Command {

    /** The event type this command is recorded as. */
    EventType eventType();

    /** Where in the workflow code the command was issued (captured while replaying), or "unknown". */
    String codeLocation();

    /** Whether a recorded event is this command (kind, ID and name). */
    boolean matches(Events.Event recorded);

    /** For messages. */
    String describe();

    /** Schedule an activity. */
    record ScheduleActivity(String activityId, String activityType, String taskQueue, String input,
            ActivityOptions options, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.ActivityScheduled;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.ActivityScheduled && activityId.equals(e.text("activityId"))
                    && activityType.equals(e.text("activityType"));
        }

        @Override
        public String describe() {
            return "ActivityScheduled(activityId=" + activityId + ", type=" + activityType + ")";
        }
    }

    /** Start a durable timer. */
    record StartTimer(String timerId, long fireAt, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.TimerStarted;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.TimerStarted && timerId.equals(e.text("timerId"));
        }

        @Override
        public String describe() {
            return "TimerStarted(timerId=" + timerId + ")";
        }
    }

    /** Complete the workflow with a result. */
    record CompleteWorkflow(String result, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.WorkflowCompleted;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.WorkflowCompleted;
        }

        @Override
        public String describe() {
            return "WorkflowCompleted";
        }
    }

    /** Fail the workflow with a recorded failure. */
    record FailWorkflow(ObjectNode failure, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.WorkflowFailed;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.WorkflowFailed;
        }

        @Override
        public String describe() {
            return "WorkflowFailed";
        }
    }

    /** Describes a recorded event for non-determinism messages. */
    static String describe(Events.Event e) {
        return switch (e.type()) {
            case ActivityScheduled -> "ActivityScheduled(activityId=" + e.text("activityId") + ", type="
                    + e.text("activityType") + ")";
            case TimerStarted -> "TimerStarted(timerId=" + e.text("timerId") + ")";
            default -> e.type().name();
        };
    }
}
