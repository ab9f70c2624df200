package dev.ratchet.engine.internal.definition;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityMethod;
import dev.ratchet.api.InvalidArgumentException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An activity type: its name, the interface method that declares it and, on engines that run it, the implementation
 * object.
 *
 * @param type           the activity type name stored in history
 * @param method         the interface method
 * @param implementation the object that runs it, or null for a stub-only definition
 */
public record ActivityDefinition(String type, Method method, Object implementation) {

    /** The activity types an {@link ActivityInterface} declares, by method. */
    public static Map<Method, String> typesOf(Class<?> iface) {
        InvalidArgumentException.requireNonNull(iface, "activityInterface");
        if (!iface.isInterface()) {
            throw new InvalidArgumentException(iface.getName() + " is not an interface; pass the interface annotated "
                    + "with @ActivityInterface");
        }
        ActivityInterface ann = iface.getAnnotation(ActivityInterface.class);
        if (ann == null) {
            throw new InvalidArgumentException("interface " + iface.getName() + " is not annotated with "
                    + "@ActivityInterface; annotate it to call its methods as activities");
        }
        Map<Method, String> out = new LinkedHashMap<>();
        for (Method m : iface.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Signatures.checkPayloadTypes(m, "activity method");
            ActivityMethod am = m.getAnnotation(ActivityMethod.class);
            String name = am != null && !am.name().isBlank() ? am.name() : ann.namePrefix() + m.getName();
            if (out.containsValue(name)) {
                throw new InvalidArgumentException("interface " + iface.getName() + " declares activity type '" + name
                        + "' twice (overloaded methods?); give each method a distinct @ActivityMethod(name)");
            }
            out.put(m, name);
        }
        return out;
    }

    /** The activities an implementation object provides, from every {@link ActivityInterface} its class implements. */
    public static Map<String, ActivityDefinition> ofImplementation(Object impl) {
        InvalidArgumentException.requireNonNull(impl, "activity implementation");
        if (impl instanceof Class<?> c) {
            throw new InvalidArgumentException("activities(...) takes implementation objects, not classes (got "
                    + c.getName() + "); pass new " + c.getSimpleName() + "(...)");
        }
        Map<String, ActivityDefinition> out = new LinkedHashMap<>();
        for (Class<?> i : WorkflowDefinition.allInterfaces(impl.getClass())) {
            if (!i.isAnnotationPresent(ActivityInterface.class)) {
                continue;
            }
            for (Map.Entry<Method, String> e : typesOf(i).entrySet()) {
                Method m = e.getKey();
                if (!Modifier.isPublic(impl.getClass().getModifiers())) {
                    m.setAccessible(true);
                }
                out.put(e.getValue(), new ActivityDefinition(e.getValue(), m, impl));
            }
        }
        if (out.isEmpty()) {
            throw new InvalidArgumentException(impl.getClass().getName() + " implements no interface annotated with "
                    + "@ActivityInterface; declare activities as an annotated interface and implement it");
        }
        return out;
    }
}
