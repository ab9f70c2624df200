package dev.ratchet.engine.internal.definition;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

/**
 * A workflow type: its interface, its single {@link WorkflowMethod}, and (when registered with an engine) the
 * implementation class instantiated for each run.
 *
 * @param type           the workflow type name stored in history
 * @param iface          the {@link WorkflowInterface}
 * @param method         the workflow method (declared on the interface)
 * @param implementation the implementation's no-argument constructor, or null for a client-only definition
 */
public record WorkflowDefinition(String type, Class<?> iface, Method method, Constructor<?> implementation) {

    /** The interface's signal, query and update handlers. */
    public MessageHandlers handlers() {
        return MessageHandlers.of(iface);
    }

    /** The declared parameter types, for reading the input. */
    public Type[] parameterTypes() {
        return method.getGenericParameterTypes();
    }

    /** The declared result type. */
    public Type resultType() {
        return method.getGenericReturnType();
    }

    /** A fresh implementation instance for a new run. */
    public Object newInstance() {
        try {
            return implementation.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("constructor of " + implementation.getDeclaringClass().getName()
                    + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + implementation.getDeclaringClass().getName(), e);
        }
    }

    /** Reads a workflow interface (for clients), validating its annotations. */
    public static WorkflowDefinition ofInterface(Class<?> iface) {
        InvalidArgumentException.requireNonNull(iface, "workflowInterface");
        if (!iface.isInterface()) {
            throw new InvalidArgumentException(iface.getName() + " is not an interface; pass the interface annotated "
                    + "with @WorkflowInterface, not the implementation class");
        }
        WorkflowInterface ann = iface.getAnnotation(WorkflowInterface.class);
        if (ann == null) {
            throw new InvalidArgumentException("interface " + iface.getName() + " is not annotated with "
                    + "@WorkflowInterface; annotate it and mark its entry point with @WorkflowMethod");
        }
        Method found = null;
        for (Method m : iface.getMethods()) {
            if (m.isAnnotationPresent(WorkflowMethod.class)) {
                if (found != null) {
                    throw new InvalidArgumentException("interface " + iface.getName() + " declares more than one "
                            + "@WorkflowMethod (" + found.getName() + ", " + m.getName() + "); keep exactly one");
                }
                found = m;
            }
        }
        if (found == null) {
            throw new InvalidArgumentException("interface " + iface.getName() + " declares no @WorkflowMethod; "
                    + "annotate its entry point");
        }
        Signatures.checkPayloadTypes(found, "@WorkflowMethod");
        MessageHandlers.of(iface); // validates the signal, query and update handlers too
        String type = ann.name().isBlank() ? iface.getSimpleName() : ann.name();
        return new WorkflowDefinition(type, iface, found, null);
    }

    /** Reads a workflow implementation class (for engines), validating it. */
    public static WorkflowDefinition ofImplementation(Class<?> impl) {
        InvalidArgumentException.requireNonNull(impl, "workflow implementation class");
        if (impl.isInterface() || Modifier.isAbstract(impl.getModifiers())) {
            throw new InvalidArgumentException(impl.getName() + " is not a concrete class; register the class that "
                    + "implements the @WorkflowInterface");
        }
        Class<?> iface = null;
        for (Class<?> i : allInterfaces(impl)) {
            if (i.isAnnotationPresent(WorkflowInterface.class)) {
                if (iface != null && iface != i) {
                    throw new InvalidArgumentException(impl.getName() + " implements two @WorkflowInterface "
                            + "interfaces (" + iface.getName() + ", " + i.getName() + "); implement exactly one");
                }
                iface = i;
            }
        }
        if (iface == null) {
            throw new InvalidArgumentException(impl.getName() + " implements no interface annotated with "
                    + "@WorkflowInterface; declare the workflow as an annotated interface and implement it");
        }
        WorkflowDefinition def = ofInterface(iface);
        Constructor<?> ctor;
        try {
            ctor = impl.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new InvalidArgumentException(impl.getName() + " needs a no-argument constructor: the engine "
                    + "creates one instance per workflow run");
        }
        if (!Modifier.isPublic(impl.getModifiers()) || !Modifier.isPublic(ctor.getModifiers())) {
            try {
                ctor.setAccessible(true);
            } catch (RuntimeException e) {
                throw new InvalidArgumentException(impl.getName() + " and its no-argument constructor must be public "
                        + "(or open to the engine)", e);
            }
        }
        return new WorkflowDefinition(def.type(), iface, def.method(), ctor);
    }

    static java.util.Set<Class<?>> allInterfaces(Class<?> c) {
        java.util.Set<Class<?>> out = new java.util.LinkedHashSet<>();
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                out.add(i);
                out.addAll(allInterfaces(i));
            }
        }
        return out;
    }
}
