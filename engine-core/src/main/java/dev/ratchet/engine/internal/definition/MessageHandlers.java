package dev.ratchet.engine.internal.definition;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.UpdateMethod;
import dev.ratchet.api.UpdateValidatorMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signal, query and update handlers a workflow interface declares, by name, validated once per interface (at
 * registration or when a client first uses the interface). Immutable.
 *
 * @param iface    the workflow interface
 * @param signals  {@code @SignalMethod}s by signal name
 * @param queries  {@code @QueryMethod}s by query name
 * @param updates  {@code @UpdateMethod}s by update name
 * @param validators {@code @UpdateValidatorMethod}s by the name of the update they validate
 */
public record MessageHandlers(Class<?> iface, Map<String, Method> signals, Map<String, Method> queries,
        Map<String, Method> updates, Map<String, Method> validators) {
    private static final Map<Class<?>, MessageHandlers> CACHE = new ConcurrentHashMap<>();

    /** The handlers of a workflow interface, validated. */
    public static MessageHandlers of(Class<?> iface) {
        MessageHandlers h = CACHE.get(iface);
        if (h == null) {
            h = read(iface); // outside computeIfAbsent: a validation failure must not be cached half-way
            CACHE.putIfAbsent(iface, h);
        }
        return h;
    }

    /** What kind of message a method of the interface handles, or null for none. */
    public String kindOf(Method m) {
        if (m.isAnnotationPresent(SignalMethod.class)) {
            return "signal";
        }
        if (m.isAnnotationPresent(QueryMethod.class)) {
            return "query";
        }
        if (m.isAnnotationPresent(UpdateMethod.class)) {
            return "update";
        }
        return null;
    }

    /** The message name of a handler method (its annotation's name, or the method name). */
    public static String nameOf(Method m) {
        String n = "";
        if (m.getAnnotation(SignalMethod.class) != null) {
            n = m.getAnnotation(SignalMethod.class).name();
        } else if (m.getAnnotation(QueryMethod.class) != null) {
            n = m.getAnnotation(QueryMethod.class).name();
        } else if (m.getAnnotation(UpdateMethod.class) != null) {
            n = m.getAnnotation(UpdateMethod.class).name();
        }
        return n.isBlank() ? m.getName() : n;
    }

    /** The signal handler called {@code name}, or a clear error naming the declared ones. */
    public Method signal(String name) {
        return find(signals, name, "signal", "@SignalMethod");
    }

    /** The query handler called {@code name}, or a clear error naming the declared ones. */
    public Method query(String name) {
        return find(queries, name, "query", "@QueryMethod");
    }

    /** The update handler called {@code name}, or a clear error naming the declared ones. */
    public Method update(String name) {
        return find(updates, name, "update", "@UpdateMethod");
    }

    private Method find(Map<String, Method> handlers, String name, String kind, String annotation) {
        Method m = handlers.get(name);
        if (m == null) {
            throw new InvalidArgumentException("workflow interface " + iface.getName() + " declares no " + kind
                    + " named '" + name + "' (its " + annotation + "s: " + handlers.keySet() + "); use a declared "
                    + kind + " name");
        }
        return m;
    }

    private static MessageHandlers read(Class<?> iface) {
        Map<String, Method> signals = new LinkedHashMap<>();
        Map<String, Method> queries = new LinkedHashMap<>();
        Map<String, Method> updates = new LinkedHashMap<>();
        Map<String, Method> validators = new LinkedHashMap<>();
        Method[] methods = iface.getMethods();
        Arrays.sort(methods, java.util.Comparator.comparing(Method::toGenericString));
        for (Method m : methods) {
            int annotations = (m.isAnnotationPresent(SignalMethod.class) ? 1 : 0)
                    + (m.isAnnotationPresent(QueryMethod.class) ? 1 : 0)
                    + (m.isAnnotationPresent(UpdateMethod.class) ? 1 : 0)
                    + (m.isAnnotationPresent(UpdateValidatorMethod.class) ? 1 : 0)
                    + (m.isAnnotationPresent(dev.ratchet.api.WorkflowMethod.class) ? 1 : 0);
            if (annotations > 1) {
                throw new InvalidArgumentException(Signatures.describe(m) + " has more than one of @WorkflowMethod, "
                        + "@SignalMethod, @QueryMethod, @UpdateMethod, @UpdateValidatorMethod; keep one");
            }
            if (m.isAnnotationPresent(SignalMethod.class)) {
                if (m.getReturnType() != void.class) {
                    throw new InvalidArgumentException("@SignalMethod " + Signatures.describe(m) + " returns "
                            + m.getReturnType().getSimpleName() + "; a signal handler must return void (use an "
                            + "@UpdateMethod when the caller needs a result)");
                }
                Signatures.checkPayloadTypes(m, "@SignalMethod");
                put(signals, m, "signal");
            } else if (m.isAnnotationPresent(QueryMethod.class)) {
                if (m.getReturnType() == void.class) {
                    throw new InvalidArgumentException("@QueryMethod " + Signatures.describe(m) + " returns void; "
                            + "a query handler must return the answer");
                }
                Signatures.checkPayloadTypes(m, "@QueryMethod");
                put(queries, m, "query");
            } else if (m.isAnnotationPresent(UpdateMethod.class)) {
                Signatures.checkPayloadTypes(m, "@UpdateMethod");
                put(updates, m, "update");
            } else if (m.isAnnotationPresent(UpdateValidatorMethod.class)) {
                String target = m.getAnnotation(UpdateValidatorMethod.class).updateName();
                if (validators.put(target, m) != null) {
                    throw new InvalidArgumentException("interface " + iface.getName() + " declares two "
                            + "@UpdateValidatorMethods for update '" + target + "'; keep one");
                }
            }
        }
        for (Map.Entry<String, Method> v : validators.entrySet()) {
            Method update = updates.get(v.getKey());
            Method m = v.getValue();
            if (update == null) {
                throw new InvalidArgumentException("@UpdateValidatorMethod " + Signatures.describe(m) + " names "
                        + "update '" + v.getKey() + "', which " + iface.getName() + " does not declare (its updates: "
                        + updates.keySet() + ")");
            }
            if (m.getReturnType() != void.class
                    || !Arrays.equals(m.getGenericParameterTypes(), update.getGenericParameterTypes())) {
                throw new InvalidArgumentException("@UpdateValidatorMethod " + Signatures.describe(m) + " must "
                        + "return void and take the same parameters as @UpdateMethod " + Signatures.describe(update));
            }
        }
        return new MessageHandlers(iface, Map.copyOf(signals), Map.copyOf(queries), Map.copyOf(updates),
                Map.copyOf(validators));
    }

    private static void put(Map<String, Method> handlers, Method m, String kind) {
        String name = nameOf(m);
        Method previous = handlers.put(name, m);
        if (previous != null) {
            throw new InvalidArgumentException("interface " + m.getDeclaringClass().getName() + " declares two "
                    + kind + " handlers named '" + name + "' (" + previous.getName() + ", " + m.getName()
                    + "); give each a distinct name");
        }
    }
}
