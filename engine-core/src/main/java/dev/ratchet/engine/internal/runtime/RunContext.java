package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.CompletablePromise;
import dev.ratchet.api.Functions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Promise;
import dev.ratchet.api.WorkflowInfo;
import dev.ratchet.api.WorkflowQueue;
import dev.ratchet.api.spi.WorkflowRuntime;
import dev.ratchet.engine.internal.definition.ActivityDefinition;
import dev.ratchet.engine.internal.definition.ReturnValues;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The {@link WorkflowRuntime} bound to a run's workflow threads: the engine side of the {@code Workflow} facade. */
final class RunContext implements WorkflowRuntime {
    private final WorkflowRun run;

    RunContext(WorkflowRun run) {
        this.run = run;
    }

    @Override
    public <T> T newActivityStub(Class<T> activityInterface, ActivityOptions defaults,
            Map<String, ActivityOptions> methodOptions) {
        Map<Method, String> types = ActivityDefinition.typesOf(activityInterface);
        InvalidArgumentException.requireNonNull(defaults, "options");
        InvalidArgumentException.requireNonNull(methodOptions, "methodOptions");
        Map<Method, ActivityOptions> optionsByMethod = new java.util.HashMap<>();
        for (Map.Entry<String, ActivityOptions> e : methodOptions.entrySet()) {
            InvalidArgumentException.requireNonNull(e.getValue(), "methodOptions[" + e.getKey() + "]");
            boolean found = false;
            for (Method m : types.keySet()) {
                if (m.getName().equals(e.getKey())) {
                    optionsByMethod.put(m, e.getValue());
                    found = true;
                }
            }
            if (!found) {
                throw new InvalidArgumentException("methodOptions names " + e.getKey() + ", which is not an activity"
                        + " method of " + activityInterface.getName() + "; use the method's name as declared");
            }
        }
        Object proxy = Proxy.newProxyInstance(activityInterface.getClassLoader(), new Class<?>[] {activityInterface},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "ActivityStub[" + activityInterface.getName() + "]";
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    String type = types.get(method);
                    Object value = run.scheduleActivity(type, method.getGenericReturnType(), args,
                            optionsByMethod.getOrDefault(method, defaults)).get();
                    return value == null ? ReturnValues.zeroOf(method.getReturnType()) : value;
                });
        return activityInterface.cast(proxy);
    }

    @Override
    public void sleep(Duration duration) {
        run.sleep(duration);
    }

    @Override
    public Instant currentTime() {
        return Instant.ofEpochMilli(run.now());
    }

    @Override
    public Random random() {
        return run.random();
    }

    @Override
    public UUID randomUUID() {
        Random r = run.random();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    @Override
    public boolean isReplaying() {
        return run.isReplaying();
    }

    @Override
    public WorkflowInfo info() {
        return run.info();
    }

    @Override
    public System.Logger logger(String name) {
        return new ReplayAwareLogger(org.slf4j.LoggerFactory.getLogger(name), run);
    }

    @Override
    public void await(BooleanSupplier condition) {
        run.threads().await(condition);
    }

    @Override
    public boolean await(Duration timeout, BooleanSupplier condition) {
        return run.timers().await(timeout, condition);
    }

    @Override
    public Promise<Void> newTimer(Duration duration) {
        return run.timers().start(duration);
    }

    @Override
    public <T> T sideEffect(Class<T> type, Supplier<T> supplier) {
        return run.markers().sideEffect(type, supplier);
    }

    @Override
    public <T> T mutableSideEffect(String id, Class<T> type, Supplier<T> supplier) {
        return run.markers().mutableSideEffect(id, type, supplier);
    }

    @Override
    public int getVersion(String changeId, int minSupported, int maxSupported) {
        return run.markers().getVersion(changeId, minSupported, maxSupported);
    }

    @Override
    public dev.ratchet.api.CancellationScope newCancellationScope(boolean detached, Runnable body) {
        return run.threads().newScope(detached, body);
    }

    @Override
    public void continueAsNew(Object[] args) {
        run.outcome().continueAsNew(args);
    }

    @Override
    public dev.ratchet.api.CancellationScope currentCancellationScope() {
        return run.threads().currentScope();
    }

    @Override
    public <R> Promise<R> newThread(Functions.Func<R> body) {
        return run.threads().newThread(body);
    }

    @Override
    public <T> CompletablePromise<T> newPromise() {
        return new RunPromise<>(run);
    }

    @Override
    public <E> WorkflowQueue<E> newQueue(int capacity) {
        return new RunQueue<>(run, capacity);
    }

    @Override
    public Promise<Void> allOf(List<? extends Promise<?>> promises) {
        return RunPromises.allOf(run, promises);
    }

    @Override
    public <T> Promise<T> anyOf(List<? extends Promise<? extends T>> promises) {
        return RunPromises.anyOf(run, promises);
    }

    @Override
    public <T> T newChildWorkflowStub(Class<T> workflowInterface, dev.ratchet.api.ChildWorkflowOptions options) {
        return run.children().newChildStub(workflowInterface, options);
    }

    @Override
    public Promise<String> childStarted(Object stub) {
        return run.children().started(stub);
    }

    @Override
    public <T> T newExternalWorkflowStub(Class<T> workflowInterface, String workflowId) {
        return run.children().newExternalStub(workflowInterface, workflowId);
    }

    @Override
    public Promise<Void> cancelExternal(String workflowId) {
        return run.children().cancelExternal(workflowId);
    }
}
