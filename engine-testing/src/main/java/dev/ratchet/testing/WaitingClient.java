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
 * workflow and waits for its result). Every call also runs with the environment's {@link ThreadWatch} bound to the
 * calling thread, as a call may run a workflow task there (a start, a signal to a cached run), creating workflow
 * threads that must carry the watch. Everything else passes through unchanged; dynamic proxies, so client methods
 * added later pass through too. Thread-safe.
 */
final class WaitingClient implements InvocationHandler {
    private final Object target;
    private final TimeSkipper skipper;
    private final ThreadWatch watch;

    private WaitingClient(Object target, TimeSkipper skipper, ThreadWatch watch) {
        this.target = target;
        this.skipper = skipper;
        this.watch = watch;
    }

    /** Wraps {@code client}; {@code skipper} (no time skipping) or {@code watch} (no thread checks) may be null. */
    static WorkflowClient wrap(WorkflowClient client, TimeSkipper skipper, ThreadWatch watch) {
        return proxy(WorkflowClient.class, client, skipper, watch);
    }

    private static <T> T proxy(Class<T> type, Object target, TimeSkipper skipper, ThreadWatch watch) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new WaitingClient(target, skipper, watch)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (watch == null || method.getDeclaringClass() == Object.class) {
            return dispatch(proxy, method, args);
        }
        return watch.bound(() -> dispatch(proxy, method, args));
    }

    private Object dispatch(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "test " + target;
            };
        }
        if (skipper == null) {
            return wrapResult(method, args, call(method, args));
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
        return wrapResult(method, args, call(method, args));
    }

    /** Handles and workflow stubs the client returns are wrapped too. */
    private Object wrapResult(Method method, Object[] args, Object result) {
        if (result instanceof WorkflowHandle<?> h) {
            return proxy(WorkflowHandle.class, h, skipper, watch);
        }
        if (target instanceof WorkflowClient && method.getName().equals("newWorkflow") && result != null) {
            return proxy((Class<?>) args[0], result, skipper, watch);
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
