package dev.ratchet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowNotFoundException;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.WorkflowStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes workflow histories as JSON, and exports a run's history from a store. The file format: a JSON
 * object per run, or an array of them:
 *
 * <pre>{@code
 * { "workflowId": "order-42", "runId": "...", "workflowType": "Order", "taskQueue": "default",
 *   "events": [ { "seq": 1, "type": "WorkflowStarted", "time": 1700000000000, "attributes": { ... } }, ... ] }
 * }</pre>
 * {@code time} is epoch milliseconds; {@code attributes} is the event's JSON object as the store keeps it. Stateless,
 * thread-safe.
 */
public final class Histories {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Histories() {
    }

    /** The history of the latest run of {@code workflowId} in {@code store}. */
    public static WorkflowHistory export(WorkflowStore store, String workflowId) {
        InvalidArgumentException.requireNonNull(store, "store");
        InvalidArgumentException.requireNonBlank(workflowId, "workflowId");
        RunRecord run = store.findByWorkflowId(workflowId).orElseThrow(() -> new WorkflowNotFoundException(
                workflowId));
        return new WorkflowHistory(run.workflowId(), run.runId(), run.workflowType(), run.taskQueue(),
                store.loadHistory(run.runId(), 1));
    }

    /** The JSON of one history (the format above). */
    public static String toJson(WorkflowHistory history) {
        InvalidArgumentException.requireNonNull(history, "history");
        return write(node(history));
    }

    /** The JSON array of several histories. */
    public static String toJson(List<WorkflowHistory> histories) {
        InvalidArgumentException.requireNonNull(histories, "histories");
        ArrayNode array = JSON.createArrayNode();
        histories.forEach(h -> array.add(node(h)));
        return write(array);
    }

    /** Parses a JSON object (one history) or array (several). */
    public static List<WorkflowHistory> fromJson(String json) {
        InvalidArgumentException.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArgumentException("histories are not valid JSON: " + e.getOriginalMessage()
                    + "; pass what Histories.toJson wrote", e);
        }
        List<WorkflowHistory> out = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(n -> out.add(history(n)));
        } else {
            out.add(history(root));
        }
        return out;
    }

    /** Writes histories to a file (an array). */
    public static void write(Path file, List<WorkflowHistory> histories) {
        InvalidArgumentException.requireNonNull(file, "file");
        try {
            Files.writeString(file, toJson(histories));
        } catch (IOException e) {
            throw new UncheckedIOException("writing histories to " + file, e);
        }
    }

    /** Reads the histories of a file. */
    public static List<WorkflowHistory> read(Path file) {
        InvalidArgumentException.requireNonNull(file, "file");
        try {
            return fromJson(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("reading histories from " + file, e);
        }
    }

    private static ObjectNode node(WorkflowHistory h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("workflowId", h.workflowId()).put("runId", h.runId()).put("workflowType", h.workflowType())
                .put("taskQueue", h.taskQueue());
        ArrayNode events = o.putArray("events");
        for (HistoryEvent e : h.events()) {
            ObjectNode n = events.addObject().put("seq", e.seq()).put("type", e.type()).put("time", e.time());
            try {
                n.set("attributes", JSON.readTree(e.attributes()));
            } catch (IOException bad) {
                throw new InvalidArgumentException("event " + e.seq() + " of run " + h.runId() + " has attributes "
                        + "that are not JSON; export histories from a Ratchet store", bad);
            }
        }
        return o;
    }

    private static WorkflowHistory history(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("events").isArray()) {
            throw new InvalidArgumentException("a history must be a JSON object with workflowId, runId, "
                    + "workflowType, taskQueue and an events array; see the Histories format");
        }
        List<HistoryEvent> events = new ArrayList<>();
        for (JsonNode e : n.get("events")) {
            if (!e.path("seq").canConvertToLong() || !e.path("type").isTextual() || !e.path("attributes").isObject()) {
                throw new InvalidArgumentException("event " + e + " needs seq, type, time and an attributes object");
            }
            events.add(new HistoryEvent(e.get("seq").asLong(), e.get("type").asText(), e.path("time").asLong(),
                    e.get("attributes").toString()));
        }
        return new WorkflowHistory(n.path("workflowId").asText(null), n.path("runId").asText(null),
                n.path("workflowType").asText(null), n.path("taskQueue").asText(null), events);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
