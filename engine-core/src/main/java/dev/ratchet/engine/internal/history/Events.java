package dev.ratchet.engine.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.engine.store.HistoryEvent;

/**
 * Builds and reads the JSON attributes of history events. Payloads (inputs, results) are embedded as raw JSON so the
 * history stays readable in the database. Thread-safe.
 */
public final class Events {
    private final ObjectMapper mapper;

    /** Creates the helper over the engine's mapper. */
    public Events(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper used for attributes. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A parsed event. */
    public record Event(long seq, EventType type, long time, JsonNode attrs) {
        /** A text attribute, or null. */
        public String text(String field) {
            JsonNode v = attrs.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        /** A payload attribute as JSON text, or null. */
        public String json(String field) {
            JsonNode v = attrs.get(field);
            return v == null ? null : v.toString();
        }
    }

    /** Parses a stored event. */
    public Event parse(HistoryEvent e) {
        try {
            return new Event(e.seq(), EventType.of(e.type()), e.time(), mapper.readTree(e.attributes()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("history event " + e.seq() + " has unreadable attributes", ex);
        }
    }

    /** Attributes of WorkflowStarted. */
    public String workflowStarted(String workflowType, String taskQueue, String inputJson, long seed) {
        return started(workflowType, taskQueue, inputJson, seed).end();
    }

    private static Attributes started(String workflowType, String taskQueue, String inputJson, long seed) {
        return new Attributes().text("workflowType", workflowType).text("taskQueue", taskQueue).raw("input", inputJson)
                .number("seed", seed);
    }

    /** Attributes of ActivityScheduled. */
    public String activityScheduled(String activityId, String activityType, String taskQueue, String inputJson) {
        return new Attributes().text("activityId", activityId).text("activityType", activityType)
                .text("taskQueue", taskQueue).raw("input", inputJson).end();
    }

    /** Attributes of ActivityCompleted. */
    public String activityCompleted(String activityId, String resultJson, int attempt) {
        return new Attributes().text("activityId", activityId).raw("result", resultJson).number("attempt", attempt)
                .end();
    }

    /** Attributes of ActivityFailed; {@code failure} is the failure's JSON form. */
    public String activityFailed(String activityId, ObjectNode failure, int attempts) {
        return new Attributes().text("activityId", activityId).node("failure", failure).number("attempts", attempts)
                .end();
    }

    /** Attributes of TimerStarted. */
    public String timerStarted(String timerId, long fireAt) {
        return new Attributes().text("timerId", timerId).number("fireAt", fireAt).end();
    }

    /** Attributes of TimerFired. */
    public String timerFired(String timerId) {
        return single("timerId", timerId);
    }

    /** Attributes of TimerCanceled. */
    public String timerCanceled(String timerId) {
        return single("timerId", timerId);
    }

    /**
     * Attributes of MarkerRecorded: the marker's kind ({@code SideEffect}, {@code MutableSideEffect}, {@code Version}),
     * its ID, and the call (mutable side effects), value (side effects, as raw JSON) or version (versions).
     */
    public String markerRecorded(String marker, String id, int call, String valueJson, Integer version) {
        Attributes a = new Attributes().text("marker", marker).text("id", id);
        if (call > 0) {
            a.number("call", call);
        }
        if (valueJson != null) {
            a.raw("value", valueJson);
        }
        if (version != null) {
            a.number("version", version);
        }
        return a.end();
    }

    /** Attributes of WorkflowCompleted. */
    public String workflowCompleted(String resultJson) {
        return new Attributes().raw("result", resultJson).end();
    }

    /**
     * Attributes of WorkflowStarted for a run with workflow timeouts: the execution deadline over the whole chain of
     * runs (epoch ms) and the run timeout (ms), each 0 for none, which a continued run inherits.
     */
    public String workflowStarted(String workflowType, String taskQueue, String inputJson, long seed,
            long executionDeadline, long runTimeoutMillis) {
        Attributes a = started(workflowType, taskQueue, inputJson, seed);
        if (executionDeadline > 0) {
            a.number("executionDeadline", executionDeadline);
        }
        if (runTimeoutMillis > 0) {
            a.number("runTimeoutMs", runTimeoutMillis);
        }
        return a.end();
    }

    /** Attributes of WorkflowContinuedAsNew: the run that continues the workflow and its input. */
    public String workflowContinuedAsNew(String newRunId, String inputJson) {
        return new Attributes().text("newRunId", newRunId).raw("input", inputJson).end();
    }

    /** Attributes of WorkflowFailed. */
    public String workflowFailed(ObjectNode failure) {
        return new Attributes().node("failure", failure).end();
    }

    /** Attributes of WorkflowCancelRequested: who asked. */
    public String workflowCancelRequested(String requestedBy) {
        return single("requestedBy", requestedBy);
    }

    /** Attributes of ActivityCancelRequested. */
    public String activityCancelRequested(String activityId) {
        return single("activityId", activityId);
    }

    /** The closing event of a terminated run: the reason, and the failure that result waiters see. */
    public String workflowTerminated(String reason, ObjectNode failure) {
        return new Attributes().text("reason", reason).node("failure", failure).end();
    }

    /** Attributes of WorkflowTaskFailed: why the run was parked. */
    public String workflowTaskFailed(String error) {
        return single("error", error);
    }

    /** Attributes of WorkflowTaskCompleted (its time is the batch's deterministic now). */
    public String workflowTaskCompleted() {
        return "{}";
    }

    /** Attributes of SignalReceived: the signal's name and its arguments as a JSON array. */
    public String signalReceived(String name, String inputJson) {
        return new Attributes().text("name", name).raw("input", inputJson).end();
    }

    /** Attributes of UpdateAccepted: the update's ID (unique in the run), name and arguments as a JSON array. */
    public String updateAccepted(String updateId, String name, String inputJson) {
        return new Attributes().text("updateId", updateId).text("name", name).raw("input", inputJson).end();
    }

    /** Attributes of UpdateCompleted: the update's ID and either its result (raw JSON) or its failure. */
    public String updateCompleted(String updateId, String resultJson, ObjectNode failure) {
        Attributes a = new Attributes().text("updateId", updateId);
        return (failure != null ? a.node("failure", failure) : a.raw("result", resultJson)).end();
    }

    /** Attributes made of one text field. */
    private static String single(String field, String value) {
        return new Attributes().text(field, value).end();
    }
}
