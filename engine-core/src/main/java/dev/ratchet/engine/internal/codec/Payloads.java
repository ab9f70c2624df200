package dev.ratchet.engine.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ratchet.api.PayloadException;
import java.io.StringWriter;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;

/**
 * Turns values into JSON payloads and back, always to the declared Java type: no class names are written and no
 * default typing is enabled, so a payload in the store can never choose which class is instantiated. Thread-safe.
 */
public final class Payloads {
    private final ObjectMapper mapper;
    private final int sizeLimit;
    /** Readers per declared type: types come from method signatures, so there are few; a reader is immutable. */
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

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
        String scalars = scalarArray(args);
        if (scalars != null) {
            return checkSize(scalars, what);
        }
        // Design note: written straight to one generator rather than through a tree (valueToTree, then toString): the
        // same JSON, without building and walking a node per argument.
        StringWriter out = new StringWriter(64);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartArray();
            if (args != null) {
                for (int i = 0; i < args.length; i++) {
                    try {
                        mapper.writeValue(g, args[i]);
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        throw new PayloadException("argument " + i + " of " + what + " (" + typeName(args[i])
                                + ") cannot be written as JSON: " + rootMessage(e)
                                + ". Pass plain data: records, POJOs with getters, collections, strings, numbers.", e);
                    }
                }
            }
            g.writeEndArray();
        } catch (java.io.IOException e) {
            throw new PayloadException(what + " cannot be written as JSON: " + rootMessage(e), e);
        }
        return checkSize(out.toString(), what);
    }

    /** Serializes one value. */
    public String write(Object value, String what) {
        String scalar = scalarJson(value);
        if (scalar != null) {
            return checkSize(scalar, what);
        }
        try {
            return checkSize(mapper.writeValueAsString(value), what);
        } catch (JsonProcessingException e) {
            throw new PayloadException(what + " (" + typeName(value) + ") cannot be written as JSON: "
                    + rootMessage(e) + ". Return plain data: records, POJOs with getters, collections, strings.", e);
        }
    }

    /** Reads a JSON array of arguments as the declared parameter types. */
    public Object[] readArgs(String json, Type[] types, String what) {
        // Streams the array into the declared types (no intermediate tree); the checks and messages are the tree's.
        try (JsonParser p = mapper.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new PayloadException(what + " is not a JSON array: " + abbreviate(json));
            }
            Object[] out = new Object[types.length];
            int count = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new PayloadException(what + " is not a JSON array: " + abbreviate(json));
                }
                if (count < types.length) {
                    out[count] = reader(types[count]).readValue(p);
                } else {
                    p.skipChildren();
                }
                count++;
            }
            if (p.nextToken() != null) {
                throw new PayloadException(what + " is not a JSON array: " + abbreviate(json));
            }
            if (count != types.length) {
                throw new PayloadException(what + " has " + count + " arguments but the method declares "
                        + types.length);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new PayloadException(what + " cannot be read as the declared parameter types: " + rootMessage(e),
                    e);
        }
    }

    private ObjectReader reader(Type type) {
        return readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
    }

    /** Reads a JSON value as the declared type ({@code void} and {@code Void} read as null). */
    public Object read(String json, Type type, String what) {
        if (type == void.class || type == Void.class || json == null) {
            return null;
        }
        try {
            return reader(type).readValue(json);
        } catch (java.io.IOException e) {
            throw new PayloadException(what + " cannot be read as " + type.getTypeName() + ": " + rootMessage(e), e);
        }
    }

    /**
     * The JSON of a plain scalar (null, a string, a boolean or an integral boxed number), exactly as the mapper writes
     * it, or null for any other value.
     *
     * <p>Design note: most activity arguments and results are such scalars, and the mapper sets up a serializer
     * provider, a generator and its contexts for every value it writes, which was the larger part of a fan-out's
     * JSON cost. The mapper here is fixed (no modules, no custom serializers), so these few types always come out as
     * written below; PayloadsTest checks that against the mapper.
     */
    static String scalarJson(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            StringBuilder json = new StringBuilder(text.length() + 2).append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, json);
            return json.append('"').toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value instanceof Short
                || value instanceof Byte) {
            return value.toString();
        }
        return null;
    }

    /** The JSON array of {@code args} when every one is a plain scalar ({@link #scalarJson}), else null. */
    private static String scalarArray(Object[] args) {
        if (args == null || args.length == 0) {
            return "[]";
        }
        StringBuilder json = new StringBuilder(16 * args.length).append('[');
        for (Object arg : args) {
            String scalar = scalarJson(arg);
            if (scalar == null) {
                return null;
            }
            json.append(json.length() > 1 ? "," : "").append(scalar);
        }
        return json.append(']').toString();
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
