package dev.ratchet.engine.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON form of {@link ActivityOptions} kept on an activity task row, so any engine can run and retry it.
 * Thread-safe.
 *
 * <p>Design note: a workflow's stubs use a handful of distinct options, yet every scheduled activity writes them and
 * every attempt reads them; both directions are memoized in small maps that are simply emptied when they fill up.
 */
public final class ActivityOptionsJson {
    private static final int CACHE_LIMIT = 256;
    private static final Map<ActivityOptions, String> WRITTEN = new ConcurrentHashMap<>();
    private static final Map<String, ActivityOptions> READ = new ConcurrentHashMap<>();

    private ActivityOptionsJson() {
    }

    /** Writes options as JSON. */
    public static String write(ObjectMapper mapper, ActivityOptions o) {
        String cached = WRITTEN.get(o);
        if (cached != null) {
            return cached;
        }
        String json = writeUncached(mapper, o);
        remember(WRITTEN, o, json);
        return json;
    }

    /** Reads options written by {@link #write}. */
    public static ActivityOptions read(ObjectMapper mapper, String json) {
        ActivityOptions cached = READ.get(json);
        if (cached != null) {
            return cached;
        }
        ActivityOptions options = readUncached(mapper, json);
        remember(READ, json, options);
        return options;
    }

    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static String writeUncached(ObjectMapper mapper, ActivityOptions o) {
        ObjectNode n = mapper.createObjectNode();
        putMillis(n, "startToCloseMs", o.startToCloseTimeout());
        putMillis(n, "scheduleToCloseMs", o.scheduleToCloseTimeout());
        putMillis(n, "scheduleToStartMs", o.scheduleToStartTimeout());
        putMillis(n, "heartbeatMs", o.heartbeatTimeout());
        n.put("taskQueue", o.taskQueue());
        RetryPolicy p = o.retryPolicy();
        ObjectNode r = n.putObject("retry");
        r.put("initialMs", p.initialInterval().toMillis());
        r.put("coefficient", p.backoffCoefficient());
        r.put("maximumMs", p.maximumInterval().toMillis());
        r.put("maximumAttempts", p.maximumAttempts());
        ArrayNode types = r.putArray("nonRetryable");
        p.nonRetryableTypes().forEach(types::add);
        return n.toString();
    }

    private static ActivityOptions readUncached(ObjectMapper mapper, String json) {
        try {
            JsonNode n = mapper.readTree(json);
            JsonNode r = n.get("retry");
            List<String> types = new ArrayList<>();
            r.get("nonRetryable").forEach(t -> types.add(t.asText()));
            RetryPolicy policy = new RetryPolicy(Duration.ofMillis(r.get("initialMs").asLong()),
                    r.get("coefficient").asDouble(), Duration.ofMillis(r.get("maximumMs").asLong()),
                    r.get("maximumAttempts").asInt(), types);
            return new ActivityOptions(millis(n, "startToCloseMs"), millis(n, "scheduleToCloseMs"),
                    millis(n, "scheduleToStartMs"), millis(n, "heartbeatMs"), policy, n.get("taskQueue").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable activity options: " + json, e);
        }
    }

    /**
     * The timeouts of an activity scheduled at {@code scheduledAt} in the form the store keeps its deadline with.
     */
    public static dev.ratchet.engine.store.ActivityTimeouts timeouts(ActivityOptions o, long scheduledAt) {
        return new dev.ratchet.engine.store.ActivityTimeouts(
                o.scheduleToCloseTimeout() == null ? 0 : scheduledAt + o.scheduleToCloseTimeout().toMillis(),
                toMillis(o.scheduleToStartTimeout()), toMillis(o.startToCloseTimeout()),
                toMillis(o.heartbeatTimeout()));
    }

    private static long toMillis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    private static void putMillis(ObjectNode n, String field, Duration d) {
        if (d != null) {
            n.put(field, d.toMillis());
        }
    }

    private static Duration millis(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : Duration.ofMillis(v.asLong());
    }
}
