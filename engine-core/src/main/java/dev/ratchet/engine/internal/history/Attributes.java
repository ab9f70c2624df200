package dev.ratchet.engine.internal.history;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes one event's attributes as a JSON object, field by field, in the order given. Not thread-safe: one instance per
 * event.
 *
 * <p>Design note: every workflow decision and input writes one of these. Building a Jackson tree and serializing it
 * set up a serializer, a generator and its contexts per event, a noticeable share of the engine's CPU under load;
 * the attributes are a handful of flat fields (names are constants, payloads arrive as JSON text), so a string
 * builder with Jackson's string escaping writes the same JSON directly.
 */
final class Attributes {
    private final StringBuilder json = new StringBuilder(128).append('{');

    /** A text field; null writes JSON null. */
    Attributes text(String name, String value) {
        field(name);
        if (value == null) {
            json.append("null");
        } else {
            json.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value, json);
            json.append('"');
        }
        return this;
    }

    /** A number field. */
    Attributes number(String name, long value) {
        field(name).append(value);
        return this;
    }

    /** A field whose value is JSON text already (a payload); null writes JSON null. */
    Attributes raw(String name, String valueJson) {
        field(name).append(valueJson == null ? "null" : valueJson);
        return this;
    }

    /** A field holding a JSON tree (a failure); null writes JSON null. */
    Attributes node(String name, JsonNode value) {
        field(name).append(value == null ? "null" : value.toString());
        return this;
    }

    /** The finished object. */
    String end() {
        return json.append('}').toString();
    }

    private StringBuilder field(String name) {
        if (json.length() > 1) {
            json.append(',');
        }
        return json.append('"').append(name).append("\":");
    }
}
