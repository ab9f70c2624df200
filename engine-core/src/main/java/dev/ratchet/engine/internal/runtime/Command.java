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

    /** Cancel a started timer that has not fired: it is recorded and removed from the store. */
    record CancelTimer(String timerId, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.TimerCanceled;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.TimerCanceled && timerId.equals(e.text("timerId"));
        }

        @Override
        public String describe() {
            return "TimerCanceled(timerId=" + timerId + ")";
        }
    }

    /** Cancel a scheduled activity whose scope was canceled: recorded, and its task is flagged (or never written). */
    record RequestCancelActivity(String activityId, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.ActivityCancelRequested;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.ActivityCancelRequested && activityId.equals(e.text("activityId"));
        }

        @Override
        public String describe() {
            return "ActivityCancelRequested(activityId=" + activityId + ")";
        }
    }

    /**
     * Record a marker: a side effect's value, a mutable side effect's changed value, or the version of a code change.
     *
     * @param kind      which marker
     * @param id        the side effect's ordinal, the mutable side effect's ID, or the change ID
     * @param call      for a mutable side effect, which call of its ID recorded it (from 1); else 0
     * @param valueJson for side effects, the value as JSON; else null
     * @param version   for a version marker, the version; else 0
     */
    record RecordMarker(MarkerKind kind, String id, int call, String valueJson, int version, String codeLocation)
            implements Command {
        @Override
        public EventType eventType() {
            return EventType.MarkerRecorded;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.MarkerRecorded && kind.recordedName().equals(e.text("marker"))
                    && id.equals(e.text("id")) && call == e.attrs().path("call").asInt();
        }

        @Override
        public String describe() {
            return kind.describe(id, call, version);
        }
    }

    /** The kinds of markers, with the name each is recorded under. */
    enum MarkerKind {
        SIDE_EFFECT("SideEffect"), MUTABLE_SIDE_EFFECT("MutableSideEffect"), VERSION("Version");

        private final String recordedName;

        MarkerKind(String recordedName) {
            this.recordedName = recordedName;
        }

        /** The name recorded in the event's "marker" attribute. */
        public String recordedName() {
            return recordedName;
        }

        String describe(String id, int call, int version) {
            return switch (this) {
                case SIDE_EFFECT -> "MarkerRecorded(sideEffect #" + id + ")";
                case MUTABLE_SIDE_EFFECT -> "MarkerRecorded(mutableSideEffect id=" + id + ", call #" + call + ")";
                case VERSION -> "MarkerRecorded(version changeId=" + id + ", version=" + version + ")";
            };
        }

        /** The kind of a recorded MarkerRecorded event, or null if it names none. */
        static MarkerKind of(Events.Event e) {
            String name = e.text("marker");
            for (MarkerKind k : values()) {
                if (k.recordedName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Close the run and start the next run of the workflow with new input (continue-as-new). */
    record ContinueAsNew(String input, String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.WorkflowContinuedAsNew;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.WorkflowContinuedAsNew;
        }

        @Override
        public String describe() {
            return "WorkflowContinuedAsNew";
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

    /** Record the outcome of an accepted update: its result as JSON, or its failure. */
    record CompleteUpdate(String updateId, String resultJson, ObjectNode failure, String codeLocation)
            implements Command {
        @Override
        public EventType eventType() {
            return EventType.UpdateCompleted;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.UpdateCompleted && updateId.equals(e.text("updateId"));
        }

        @Override
        public String describe() {
            return "UpdateCompleted(updateId=" + updateId + ")";
        }
    }

    /**
     * Start a child workflow: recorded in the parent's history, performed after the commit by the engine.
     *
     * @param commandId  the command's number in the parent run (names the child's watch timer and its inputs)
     * @param attributes the ChildWorkflowInitiated event's attributes (workflow ID, type, queue, input, policy)
     */
    record StartChild(String commandId, String workflowId, String workflowType, ObjectNode attributes,
            String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return EventType.ChildWorkflowInitiated;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == EventType.ChildWorkflowInitiated && commandId.equals(e.text("commandId"))
                    && workflowType.equals(e.text("workflowType")) && workflowId.equals(e.text("workflowId"));
        }

        @Override
        public String describe() {
            return "ChildWorkflowInitiated(workflowId=" + workflowId + ", type=" + workflowType + ")";
        }
    }

    /**
     * Signal or cancel another workflow: recorded, performed after the commit by the engine.
     *
     * @param type       ExternalSignalInitiated or ExternalCancelInitiated
     * @param attributes the event's attributes (command ID, target workflow ID, signal name and input)
     */
    record ExternalRequest(EventType type, String commandId, String workflowId, ObjectNode attributes,
            String codeLocation) implements Command {
        @Override
        public EventType eventType() {
            return type;
        }

        @Override
        public boolean matches(Events.Event e) {
            return e.type() == type && commandId.equals(e.text("commandId")) && workflowId.equals(e.text("workflowId"))
                    && java.util.Objects.equals(attributes.path("signalName").asText(null), e.text("signalName"));
        }

        @Override
        public String describe() {
            return type.name() + "(workflowId=" + workflowId
                    + (attributes.has("signalName") ? ", signal=" + attributes.get("signalName").asText() : "") + ")";
        }
    }

    /** Describes a recorded event for non-determinism messages. */
    static String describe(Events.Event e) {
        return switch (e.type()) {
            case ActivityScheduled -> "ActivityScheduled(activityId=" + e.text("activityId") + ", type="
                    + e.text("activityType") + ")";
            case TimerStarted -> "TimerStarted(timerId=" + e.text("timerId") + ")";
            case TimerCanceled -> "TimerCanceled(timerId=" + e.text("timerId") + ")";
            case UpdateCompleted -> "UpdateCompleted(updateId=" + e.text("updateId") + ")";
            case ActivityCancelRequested -> "ActivityCancelRequested(activityId=" + e.text("activityId") + ")";
            case ChildWorkflowInitiated -> "ChildWorkflowInitiated(workflowId=" + e.text("workflowId") + ", type="
                    + e.text("workflowType") + ")";
            case ExternalSignalInitiated, ExternalCancelInitiated -> e.type().name() + "(workflowId="
                    + e.text("workflowId") + (e.text("signalName") == null ? "" : ", signal=" + e.text("signalName"))
                    + ")";
            case MarkerRecorded -> {
                MarkerKind k = MarkerKind.of(e);
                yield k == null ? "MarkerRecorded(" + e.text("marker") + ")"
                        : k.describe(e.text("id"), e.attrs().path("call").asInt(), e.attrs().path("version").asInt());
            }
            default -> e.type().name();
        };
    }
}
