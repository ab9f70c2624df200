package dev.ratchet.engine.internal.definition;

import java.lang.reflect.Array;

/** What a stub returns for a method whose value is absent (no value yet, or none to give). */
public final class ReturnValues {
    private ReturnValues() {
    }

    /**
     * Null for reference types and void; the boxed zero of a primitive type (false, '\0', 0 of the right width), which a
     * proxy must return so that unboxing to the declared primitive type succeeds.
     */
    public static Object zeroOf(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        // an array element starts at its type's zero: the one correctly boxed value for every primitive type
        return Array.get(Array.newInstance(type, 1), 0);
    }
}
