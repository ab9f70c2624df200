package dev.ratchet.engine.internal.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
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
        ObjectNode n = mapper.createObjectNode();
        n.put("workflowType", workflowType);
        n.put("taskQueue", taskQueue);
        n.putRawValue("input", new RawValue(inputJson));
        n.put("seed", seed);
        return n.toString();
    }

    /** Attributes of ActivityScheduled. */
    public String activityScheduled(String activityId, String activityType, String taskQueue, String inputJson) {
        ObjectNode n = mapper.createObjectNode();
        n.put("activityId", activityId);
        n.put("activityType", activityType);
        n.put("taskQueue", taskQueue);
        n.putRawValue("input", new RawValue(inputJson));
        return n.toString();
    }

    /** Attributes of ActivityCompleted. */
    public String activityCompleted(String activityId, String resultJson, int attempt) {
        ObjectNode n = mapper.createObjectNode();
        n.put("activityId", activityId);
        n.putRawValue("result", new RawValue(resultJson));
        n.put("attempt", attempt);
        return n.toString();
    }

    /** Attributes of ActivityFailed; {@code failure} is the failure's JSON form. */
    public String activityFailed(String activityId, ObjectNode failure, int attempts) {
        ObjectNode n = mapper.createObjectNode();
        n.put("activityId", activityId);
        n.set("failure", failure);
        n.put("attempts", attempts);
        return n.toString();
    }

    /** Attributes of TimerStarted. */
    public String timerStarted(String timerId, long fireAt) {
        ObjectNode n = mapper.createObjectNode();
        n.put("timerId", timerId);
        n.put("fireAt", fireAt);
        return n.toString();
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
        ObjectNode n = mapper.createObjectNode();
        n.put("marker", marker);
        n.put("id", id);
        if (call > 0) {
            n.put("call", call);
        }
        if (valueJson != null) {
            n.putRawValue("value", new RawValue(valueJson));
        }
        if (version != null) {
            n.put("version", version);
        }
        return n.toString();
    }

    /** Attributes of WorkflowCompleted. */
    public String workflowCompleted(String resultJson) {
        ObjectNode n = mapper.createObjectNode();
        n.putRawValue("result", new RawValue(resultJson));
        return n.toString();
    }

    /**
     * Attributes of WorkflowStarted for a run with workflow timeouts: the execution deadline over the whole chain of
     * runs (epoch ms) and the run timeout (ms), each 0 for none, which a continued run inherits.
     */
    public String workflowStarted(String workflowType, String taskQueue, String inputJson, long seed,
            long executionDeadline, long runTimeoutMillis) {
        ObjectNode n = (ObjectNode) readTree(workflowStarted(workflowType, taskQueue, inputJson, seed));
        if (executionDeadline > 0) {
            n.put("executionDeadline", executionDeadline);
        }
        if (runTimeoutMillis > 0) {
            n.put("runTimeoutMs", runTimeoutMillis);
        }
        return n.toString();
    }

    /** Attributes of WorkflowContinuedAsNew: the run that continues the workflow and its input. */
    public String workflowContinuedAsNew(String newRunId, String inputJson) {
        ObjectNode n = mapper.createObjectNode();
        n.put("newRunId", newRunId);
        n.putRawValue("input", new RawValue(inputJson));
        return n.toString();
    }

    private com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable event attributes: " + json, e);
        }
    }

    /** Attributes of WorkflowFailed. */
    public String workflowFailed(ObjectNode failure) {
        ObjectNode n = mapper.createObjectNode();
        n.set("failure", failure);
        return n.toString();
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
        ObjectNode n = mapper.createObjectNode();
        n.put("reason", reason);
        n.set("failure", failure);
        return n.toString();
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
        ObjectNode n = mapper.createObjectNode();
        n.put("name", name);
        n.putRawValue("input", new RawValue(inputJson));
        return n.toString();
    }

    /** Attributes of UpdateAccepted: the update's ID (unique in the run), name and arguments as a JSON array. */
    public String updateAccepted(String updateId, String name, String inputJson) {
        ObjectNode n = mapper.createObjectNode();
        n.put("updateId", updateId);
        n.put("name", name);
        n.putRawValue("input", new RawValue(inputJson));
        return n.toString();
    }

    /** Attributes of UpdateCompleted: the update's ID and either its result (raw JSON) or its failure. */
    public String updateCompleted(String updateId, String resultJson, ObjectNode failure) {
        ObjectNode n = mapper.createObjectNode();
        n.put("updateId", updateId);
        if (failure != null) {
            n.set("failure", failure);
        } else {
            n.putRawValue("result", new RawValue(resultJson));
        }
        return n.toString();
    }

    /** Attributes made of one text field. */
    private String single(String field, String value) {
        ObjectNode n = mapper.createObjectNode();
        n.put(field, value);
        return n.toString();
    }
}
