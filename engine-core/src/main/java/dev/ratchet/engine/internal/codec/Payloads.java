package dev.ratchet.engine.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ratchet.api.PayloadException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Turns values into JSON payloads and back, always to the declared Java type: no class names are written and no
 * default typing is enabled, so a payload in the store can never choose which class is instantiated. Thread-safe.
 */
public final class Payloads {
    private final ObjectMapper mapper;
    private final int sizeLimit;

    /** Creates a codec that rejects payloads above {@code sizeLimit} bytes (UTF-8). */
    public Payloads(int sizeLimit) {
        this.sizeLimit = sizeLimit;
        this.mapper = JsonMapper.builder()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The shared mapper, for engine-internal JSON (event attributes). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Serializes arguments as a JSON array; {@code what} names them in errors (e.g. "input of workflow X"). */
    public String writeArgs(Object[] args, String what) {
        ArrayNode array = mapper.createArrayNode();
        if (args != null) {
            for (int i = 0; i < args.length; i++) {
                try {
                    array.add(mapper.valueToTree(args[i]));
                } catch (IllegalArgumentException e) {
                    throw new PayloadException("argument " + i + " of " + what + " (" + typeName(args[i])
                            + ") cannot be written as JSON: " + rootMessage(e)
                            + ". Pass plain data: records, POJOs with getters, collections, strings, numbers.", e);
                }
            }
        }
        return checkSize(array.toString(), what);
    }

    /** Serializes one value. */
    public String write(Object value, String what) {
        try {
            return checkSize(mapper.writeValueAsString(value), what);
        } catch (JsonProcessingException e) {
            throw new PayloadException(what + " (" + typeName(value) + ") cannot be written as JSON: "
                    + rootMessage(e) + ". Return plain data: records, POJOs with getters, collections, strings.", e);
        }
    }

    /** Reads a JSON array of arguments as the declared parameter types. */
    public Object[] readArgs(String json, Type[] types, String what) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || !node.isArray()) {
                throw new PayloadException(what + " is not a JSON array: " + abbreviate(json));
            }
            if (node.size() != types.length) {
                throw new PayloadException(what + " has " + node.size() + " arguments but the method declares "
                        + types.length);
            }
            Object[] out = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                JavaType type = mapper.constructType(types[i]);
                out[i] = mapper.readerFor(type).readValue(node.get(i));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new PayloadException(what + " cannot be read as the declared parameter types: " + rootMessage(e),
                    e);
        }
    }

    /** Reads a JSON value as the declared type ({@code void} and {@code Void} read as null). */
    public Object read(String json, Type type, String what) {
        if (type == void.class || type == Void.class || json == null) {
            return null;
        }
        try {
            return mapper.readerFor(mapper.constructType(type)).readValue(json);
        } catch (java.io.IOException e) {
            throw new PayloadException(what + " cannot be read as " + type.getTypeName() + ": " + rootMessage(e), e);
        }
    }

    private String checkSize(String json, String what) {
        // Most payloads are ASCII: the char count is a cheap lower bound, the byte count is taken only when needed.
        if (json.length() * 3L > sizeLimit) {
            int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > sizeLimit) {
                throw new PayloadException(what + " is " + bytes + " bytes as JSON, above the payload size limit of "
                        + sizeLimit + " bytes; store large data elsewhere and pass a reference, or raise "
                        + "Engine.builder().payloadSizeLimit(...)");
            }
        }
        return json;
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
