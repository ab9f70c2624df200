package dev.ratchet.engine.internal.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.ActivityFailure;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.PayloadException;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.TimeoutType;
import dev.ratchet.api.spi.EncodedValues;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Converts failures to and from their JSON form in history: kind, type, message, details, a bounded stack trace and
 * the cause. No class is ever instantiated from a stored name; the failure kinds are a closed set (activity,
 * application, timeout, canceled), and details are decoded only to the type the reader asks for.
 */
public final class Failures {
    /** Stack traces are cut to this many characters so a deep recursion cannot bloat history. */
    static final int MAX_STACK_CHARS = 8_000;
    private static final int MAX_CAUSE_DEPTH = 5;

    private Failures() {
    }

    /** The JSON form of any throwable; non-Ratchet exceptions become application failures typed by class name. */
    public static ObjectNode toJson(ObjectMapper mapper, Throwable t) {
        return toJson(mapper, t, 0);
    }

    private static ObjectNode toJson(ObjectMapper mapper, Throwable t, int depth) {
        ObjectNode node = mapper.createObjectNode();
        if (t instanceof ActivityFailure af) {
            node.put("kind", "activity");
            node.put("activityType", af.activityType());
            node.put("activityId", af.activityId());
            node.put("attempts", af.attempts());
        } else if (t instanceof dev.ratchet.api.ChildWorkflowFailure cf) {
            node.put("kind", "child");
            node.put("workflowId", cf.workflowId());
            node.put("runId", cf.runId());
            node.put("workflowType", cf.workflowType());
        } else if (t instanceof ApplicationFailure app) {
            node.put("kind", "application");
            node.put("type", app.type());
            node.put("message", app.getMessage());
            node.put("nonRetryable", app.isNonRetryable());
            if (app.detailsCount() > 0) {
                ArrayNode details = node.putArray("details");
                for (int i = 0; i < app.detailsCount(); i++) {
                    try {
                        details.add(mapper.valueToTree(app.details(i, Object.class)));
                    } catch (IllegalArgumentException e) {
                        throw new PayloadException("detail " + i + " of failure " + app.type()
                                + " cannot be written as JSON: " + e.getMessage(), e);
                    }
                }
            }
        } else if (t instanceof TimeoutFailure tf) {
            node.put("kind", "timeout");
            node.put("timeoutType", tf.timeoutType().name());
            node.put("message", tf.getMessage());
        } else if (t instanceof dev.ratchet.api.TerminatedFailure) {
            node.put("kind", "terminated");
            node.put("message", t.getMessage());
        } else if (t instanceof CanceledFailure) {
            node.put("kind", "canceled");
            node.put("message", t.getMessage());
        } else {
            node.put("kind", "application");
            node.put("type", t.getClass().getName());
            node.put("message", t.getMessage());
            node.put("nonRetryable", false);
        }
        node.put("stack", stackOf(t));
        Throwable cause = t.getCause();
        if (cause != null && cause != t && depth < MAX_CAUSE_DEPTH) {
            node.set("cause", toJson(mapper, cause, depth + 1));
        }
        return node;
    }

    /** Rebuilds a failure from its JSON form. */
    public static RatchetFailure fromJson(ObjectMapper mapper, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        RatchetFailure cause = fromJson(mapper, node.get("cause"));
        String stack = text(node, "stack");
        String kind = text(node, "kind");
        if ("activity".equals(kind)) {
            return new ActivityFailure(text(node, "activityType"), text(node, "activityId"),
                    node.path("attempts").asInt(), cause, stack);
        }
        if ("child".equals(kind)) {
            return new dev.ratchet.api.ChildWorkflowFailure(text(node, "workflowId"), text(node, "runId"),
                    text(node, "workflowType"), cause, stack);
        }
        if ("timeout".equals(kind)) {
            return TimeoutFailure.fromHistory(TimeoutType.valueOf(text(node, "timeoutType")), text(node, "message"),
                    stack, cause);
        }
        if ("terminated".equals(kind)) {
            return dev.ratchet.api.TerminatedFailure.fromHistory(text(node, "message"), stack);
        }
        if ("canceled".equals(kind)) {
            return CanceledFailure.fromHistory(text(node, "message"), stack, cause);
        }
        JsonNode details = node.get("details");
        return ApplicationFailure.fromHistory(text(node, "type"), text(node, "message"),
                node.path("nonRetryable").asBoolean(), stack, cause,
                details == null ? null : new JsonValues(mapper, details));
    }

    /** Details kept as JSON, decoded on each read to the type asked for. */
    private record JsonValues(ObjectMapper mapper, JsonNode array) implements EncodedValues {
        @Override
        public int size() {
            return array.size();
        }

        @Override
        public <T> T get(int index, Class<T> type) {
            try {
                return mapper.treeToValue(array.get(index), type);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw new PayloadException("detail " + index + " (" + array.get(index) + ") cannot be read as "
                        + type.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The stack trace of {@code t} as text, cut to a bounded size. */
    public static String stackOf(Throwable t) {
        if (t instanceof RatchetFailure rf && rf.recordedStackTrace() != null) {
            return rf.recordedStackTrace();
        }
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String s = out.toString();
        return s.length() > MAX_STACK_CHARS ? s.substring(0, MAX_STACK_CHARS) + "\n\t... (cut)" : s;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
