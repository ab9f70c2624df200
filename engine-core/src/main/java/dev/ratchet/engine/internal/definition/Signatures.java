package dev.ratchet.engine.internal.definition;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Promise;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.Future;

/** Checks that workflow and activity method signatures carry plain data the engine can store as JSON. */
final class Signatures {
    private Signatures() {
    }

    static void checkPayloadTypes(Method m, String what) {
        for (Type t : m.getGenericParameterTypes()) {
            check(m, t, what, "parameter");
        }
        check(m, m.getGenericReturnType(), what, "return");
        if (m.isVarArgs()) {
            throw new InvalidArgumentException(what + " " + describe(m) + " is varargs; declare explicit parameters");
        }
    }

    private static void check(Method m, Type t, String what, String role) {
        Class<?> raw = raw(t);
        if (raw != null && (Promise.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)
                || Thread.class.isAssignableFrom(raw) || Runnable.class.isAssignableFrom(raw))) {
            throw new InvalidArgumentException(what + " " + describe(m) + " has a " + role + " of type "
                    + t.getTypeName() + ", which cannot be stored as JSON; use plain data types");
        }
        if (raw == Object.class) {
            throw new InvalidArgumentException(what + " " + describe(m) + " has a " + role + " of type Object: "
                    + "payloads are read back only as their declared type, so declare a concrete type");
        }
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}
