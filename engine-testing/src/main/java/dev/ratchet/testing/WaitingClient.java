package dev.ratchet.testing;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.api.WorkflowMethod;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps the engine's client so that the time skipper knows when the test waits for a workflow result: in
 * {@link WorkflowHandle#result()} and its variants, and in a workflow stub's {@code @WorkflowMethod} (which starts the
 * workflow and waits for its result). Everything else passes through unchanged; dynamic proxies, so client methods
 * added later pass through too. Thread-safe.
 */
final class WaitingClient implements InvocationHandler {
    private final Object target;
    private final TimeSkipper skipper;

    private WaitingClient(Object target, TimeSkipper skipper) {
        this.target = target;
        this.skipper = skipper;
    }

    static WorkflowClient wrap(WorkflowClient client, TimeSkipper skipper) {
        return proxy(WorkflowClient.class, client, skipper);
    }

    private static <T> T proxy(Class<T> type, Object target, TimeSkipper skipper) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new WaitingClient(target, skipper)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "test " + target;
            };
        }
        if (target instanceof WorkflowHandle<?> && method.getName().equals("resultAsync")) {
            skipper.beginWait();
            CompletableFuture<?> f;
            try {
                f = (CompletableFuture<?>) call(method, args);
            } catch (Throwable t) {
                skipper.endWait();
                throw t;
            }
            return f.whenComplete((r, e) -> skipper.endWait());
        }
        boolean waits = target instanceof WorkflowHandle<?> ? method.getName().equals("result")
                : method.isAnnotationPresent(WorkflowMethod.class);
        if (waits) {
            skipper.beginWait();
            try {
                return call(method, args);
            } finally {
                skipper.endWait();
            }
        }
        Object result = call(method, args);
        if (result instanceof WorkflowHandle<?> h) {
            return proxy(WorkflowHandle.class, h, skipper);
        }
        if (target instanceof WorkflowClient && method.getName().equals("newWorkflow") && result != null) {
            return proxy((Class<?>) args[0], result, skipper);
        }
        return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
