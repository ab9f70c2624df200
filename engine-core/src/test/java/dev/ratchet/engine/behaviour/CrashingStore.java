package dev.ratchet.engine.behaviour;

import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.WorkflowStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Predicate;

/**
 * A test's real store as one engine sees it, for an engine that dies at a chosen moment: once a commit matching the
 * condition has been written, every later call of that engine fails (closing excepted), as if its JVM had stopped right
 * after that commit. Not a mock: everything before the crash reaches the real store. Thread-safe.
 */
public final class CrashingStore implements InvocationHandler {
    private final WorkflowStore delegate;
    private final Predicate<RunCommit> crashAfter;
    private volatile boolean crashed;

    private CrashingStore(WorkflowStore delegate, Predicate<RunCommit> crashAfter) {
        this.delegate = delegate;
        this.crashAfter = crashAfter;
    }

    /** Wraps {@code delegate}; the engine dies right after a written commit matching {@code crashAfter}. */
    public static CrashingStore wrap(WorkflowStore delegate, Predicate<RunCommit> crashAfter) {
        return new CrashingStore(delegate, crashAfter);
    }

    /** The store to give the engine. */
    public WorkflowStore store() {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, this);
    }

    /** Whether the engine has died. */
    public boolean crashed() {
        return crashed;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "crashing " + delegate;
            };
        }
        if (crashed && !method.getName().equals("close")) {
            throw new StoreException("this engine crashed (test): " + method.getName() + " never reached the store");
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (method.getName().equals("commit")) {
            List<RunCommit> commits = (List<RunCommit>) args[0];
            List<CommitResult> results = (List<CommitResult>) result;
            for (int i = 0; i < commits.size(); i++) {
                if (results.get(i).isCommitted() && crashAfter.test(commits.get(i))) {
                    crashed = true;
                }
            }
        }
        return result;
    }
}
