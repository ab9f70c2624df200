package dev.ratchet.engine;

import dev.ratchet.api.EngineClosedException;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.WorkflowClient;
import dev.ratchet.engine.internal.client.ClientImpl;
import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.definition.ActivityDefinition;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.internal.runtime.RuntimeConfig;
import dev.ratchet.engine.internal.worker.ActivityExecutor;
import dev.ratchet.engine.internal.worker.Committer;
import dev.ratchet.engine.internal.worker.MessageServer;
import dev.ratchet.engine.internal.worker.ResultWaiters;
import dev.ratchet.engine.internal.worker.RunCache;
import dev.ratchet.engine.internal.worker.WorkerContext;
import dev.ratchet.engine.internal.worker.WorkflowTaskProcessor;
import dev.ratchet.engine.internal.worker.Workers;
import dev.ratchet.engine.store.StoreProvider;
import dev.ratchet.engine.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Ratchet engine: it runs the registered workflows and activities against its store, and its
 * {@link #client()} starts and finds workflows. Several engines (JVMs) may share one PostgreSQL store. Thread-safe.
 *
 * <pre>{@code
 * try (Engine engine = Engine.builder()
 *         .store(JdbcStore.h2File("./data/orders"))
 *         .workflows(OrderWorkflowImpl.class)
 *         .activities(new InventoryImpl())
 *         .start()) {
 *     OrderWorkflow order = engine.client().newWorkflow(OrderWorkflow.class, "order-42");
 *     String result = order.placeOrder(request);
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineOptions options;
    private final WorkflowStore store;
    private final String owner;
    private final Committer committer;
    private final RunCache cache;
    private final ResultWaiters waiters;
    private final ActivityExecutor activities;
    private final Workers workers;
    private final MessageServer messageServer;
    private final ClientImpl client;
    private volatile boolean closed;

    private Engine(Builder b, WorkflowStore store, Map<String, WorkflowDefinition> workflows,
            Map<String, ActivityDefinition> activityTypes) {
        this.options = b.options;
        this.store = store;
        this.owner = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        Payloads payloads = new Payloads(options.payloadSizeLimit());
        Events events = new Events(payloads.mapper());
        RuntimeConfig config = new RuntimeConfig(payloads, events, options.deadlockTimeout(),
                options.failOnUnexpectedError());
        WorkerContext ctx = new WorkerContext(store, b.clock, config, owner, options.leaseDuration(),
                options.pollInterval(), Map.copyOf(workflows), Map.copyOf(activityTypes), Set.of(options.taskQueue()),
                options.activityQueues());
        this.committer = new Committer(store, options.commitThreads(), 128, "ratchet-" + owner);
        this.cache = new RunCache(options.maxCachedRuns());
        this.waiters = new ResultWaiters(store);
        WorkflowTaskProcessor processor = new WorkflowTaskProcessor(ctx, committer, cache, waiters);
        processor.historyLimits(b.historyLimits);
        processor.probe(b.probe);
        this.activities = new ActivityExecutor(ctx, processor, options.maxConcurrentActivities(),
                options.activityQueueLimits());
        this.workers = new Workers(ctx, processor, activities);
        this.messageServer = new MessageServer(ctx, processor);
        this.client = new ClientImpl(store, processor, activities.outcomes(), b.clock, waiters, payloads, events,
                this::ensureOpen);
        client.historyLimits(b.historyLimits);
    }

    /** Starts configuring an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /** The client for starting and finding workflows; fails with {@link EngineClosedException} once closed. */
    public WorkflowClient client() {
        ensureOpen();
        return client;
    }

    /** This engine's options. */
    public EngineOptions options() {
        return options;
    }

    /** The name this engine claims work under; unique per start. */
    public String engineId() {
        return owner;
    }

    /**
     * Polls the store at once for due timers, claimable tasks and expired deadlines instead of at the next poll; for
     * a test environment whose clock just jumped. Harmless at any time.
     */
    public void pollNow() {
        if (!closed) {
            workers.pollNow();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new EngineClosedException("engine " + owner + " is closed; build and start a new engine");
        }
    }

    /**
     * Stops gracefully: no new work is claimed, running activities get the grace period to finish, then every claim
     * this engine still holds is released so other engines take the work at once. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.stopPolling();
        messageServer.close();
        Duration grace = options.shutdownGracePeriod();
        if (!activities.awaitIdle(grace)) {
            log.warn("engine {}: {} activity attempts still running after {}; releasing them for a retry elsewhere",
                    owner, activities.inFlight(), grace);
        }
        activities.stopUnfinished(); // writes their latest heartbeats before their claims are released below
        workers.awaitWorkflowTasks(Duration.ofSeconds(5));
        try {
            store.releaseLeases(owner);
        } catch (RuntimeException e) {
            log.warn("engine {}: releasing leases failed ({}); they expire in {}", owner, e.toString(),
                    options.leaseDuration());
        }
        workers.close();
        committer.close();
        activities.close();
        waiters.close();
        cache.clear();
        store.close();
    }

    /**
     * Configures and starts an {@link Engine}. Every setter validates its argument at once. Not thread-safe.
     */
    public static final class Builder {
        private WorkflowStore store;
        private Clock clock = Clock.systemUTC();
        private EngineProbe probe = new EngineProbe() { };
        private EngineOptions options = EngineOptions.defaults();
        private final List<Class<?>> workflowClasses = new ArrayList<>();
        private final List<Object> activityObjects = new ArrayList<>();
        private HistoryLimits historyLimits = HistoryLimits.defaults();

        private Builder() {
        }

        /** The store; when not set, the default store (an embedded H2 file from engine-jdbc) is used. */
        public Builder store(WorkflowStore store) {
            this.store = InvalidArgumentException.requireNonNull(store, "store");
            return this;
        }

        /** Registers workflow implementation classes (one instance is created per run). */
        public Builder workflows(Class<?>... implementations) {
            InvalidArgumentException.requireNonNull(implementations, "implementations");
            for (Class<?> c : implementations) {
                WorkflowDefinition.ofImplementation(c); // validate now
                workflowClasses.add(c);
            }
            return this;
        }

        /** Registers activity implementation objects (shared by all invocations; they must be thread-safe). */
        public Builder activities(Object... implementations) {
            InvalidArgumentException.requireNonNull(implementations, "implementations");
            for (Object o : implementations) {
                ActivityDefinition.ofImplementation(o); // validate now
                activityObjects.add(o);
            }
            return this;
        }

        /** The clock for workflow time, timers and retry times (tests pass a controllable one). */
        public Builder clock(Clock clock) {
            this.clock = InvalidArgumentException.requireNonNull(clock, "clock");
            return this;
        }

        /** Hooks for test environments (time skipping, determinism checks); none by default. */
        public Builder probe(EngineProbe probe) {
            this.probe = InvalidArgumentException.requireNonNull(probe, "probe");
            return this;
        }

        /** Replaces all options at once. */
        public Builder options(EngineOptions options) {
            this.options = InvalidArgumentException.requireNonNull(options, "options");
            return this;
        }

        /** The task queue this engine serves. */
        public Builder taskQueue(String queue) {
            EngineOptions o = options;
            options = new EngineOptions(queue, o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** How long a workflow thread may run without yielding before it is reported (default 1 s). */
        public Builder deadlockTimeout(Duration timeout) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), timeout, o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** The lease length of claims (default 10 s): how soon another engine takes over after this one dies. */
        public Builder leaseDuration(Duration lease) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), lease, o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** The longest idle wait between polls for others' work (default 500 ms). */
        public Builder pollInterval(Duration interval) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), interval,
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** How many runs stay cached between workflow tasks (default 10,000). */
        public Builder maxCachedRuns(int runs) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    runs, o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /**
         * Also runs the activities of task queue {@code queue}, at most {@code maxConcurrent} of its attempts at once
         * (each queue is claimed with its own free slots). Naming the engine's own task queue limits it too. The
         * {@linkplain #maxConcurrentActivities global maximum} still bounds all attempts together.
         */
        public Builder maxConcurrentActivities(String queue, int maxConcurrent) {
            InvalidArgumentException.requireNonBlank(queue, "queue");
            EngineOptions o = options;
            Map<String, Integer> limits = new LinkedHashMap<>(o.activityQueueLimits());
            limits.put(queue, maxConcurrent);
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), limits);
            return this;
        }

        /** How many activity attempts run at once on this engine, all task queues together (default 200). */
        public Builder maxConcurrentActivities(int max) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), max, o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** The largest payload in bytes of JSON (default 2 MiB). */
        public Builder payloadSizeLimit(int bytes) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), bytes, o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** Whether an unexpected exception in workflow code fails the workflow (true) or parks it (false, default). */
        public Builder failOnUnexpectedError(boolean fail) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), fail,
                    o.shutdownGracePeriod(), o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /**
         * How long histories may grow (default: a warning past 10,000 events, runs parked past 50,000); see
         * {@link HistoryLimits}.
         */
        public Builder historyLimits(int warnAfterEvents, int maxEvents) {
            historyLimits = new HistoryLimits(warnAfterEvents, maxEvents);
            return this;
        }

        /** How long {@code close()} waits for running activities (default 10 s). */
        public Builder shutdownGracePeriod(Duration grace) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    grace, o.commitThreads(), o.activityQueueLimits());
            return this;
        }

        /** How many threads write group commits (default 2). */
        public Builder commitThreads(int threads) {
            EngineOptions o = options;
            options = new EngineOptions(o.taskQueue(), o.deadlockTimeout(), o.leaseDuration(), o.pollInterval(),
                    o.maxCachedRuns(), o.maxConcurrentActivities(), o.payloadSizeLimit(), o.failOnUnexpectedError(),
                    o.shutdownGracePeriod(), threads, o.activityQueueLimits());
            return this;
        }

        /**
         * Opens the store (creating or migrating its schema), resumes parked runs of the registered workflow types,
         * and starts working.
         */
        public Engine start() {
            Map<String, WorkflowDefinition> workflows = new LinkedHashMap<>();
            for (Class<?> c : workflowClasses) {
                WorkflowDefinition d = WorkflowDefinition.ofImplementation(c);
                WorkflowDefinition prior = workflows.put(d.type(), d);
                if (prior != null && !prior.implementation().equals(d.implementation())) {
                    throw new InvalidArgumentException("workflow type '" + d.type() + "' is registered twice ("
                            + prior.implementation().getDeclaringClass().getName() + ", " + c.getName()
                            + "); register one implementation per type");
                }
            }
            Map<String, ActivityDefinition> activityTypes = new LinkedHashMap<>();
            for (Object o : activityObjects) {
                for (Map.Entry<String, ActivityDefinition> e : ActivityDefinition.ofImplementation(o).entrySet()) {
                    ActivityDefinition prior = activityTypes.put(e.getKey(), e.getValue());
                    if (prior != null && prior.implementation() != o) {
                        throw new InvalidArgumentException("activity type '" + e.getKey() + "' is implemented by "
                                + "two registered objects; register one implementation per type");
                    }
                }
            }
            WorkflowStore s = store != null ? store : defaultStore();
            s.open();
            Engine engine = new Engine(this, s, workflows, activityTypes);
            int unparked = workflows.isEmpty() ? 0 : s.unparkRuns(workflows.keySet());
            if (unparked > 0) {
                log.info("engine {}: resumed {} parked runs", engine.owner, unparked);
            }
            engine.workers.start();
            engine.messageServer.start();
            return engine;
        }

        private static WorkflowStore defaultStore() {
            return ServiceLoader.load(StoreProvider.class).findFirst()
                    .orElseThrow(() -> new RatchetException("no store configured and no default store found; add "
                            + "the dev.ratchet:engine-jdbc dependency (embedded H2 by default) or call "
                            + "Engine.builder().store(...)"))
                    .defaultStore();
        }
    }
}
