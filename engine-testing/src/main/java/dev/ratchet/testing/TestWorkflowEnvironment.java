package dev.ratchet.testing;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowClient;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.EngineProbe;
import dev.ratchet.engine.store.InMemoryStore;
import dev.ratchet.engine.store.WorkflowStore;
import dev.ratchet.jdbc.JdbcStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An engine for tests: an in-memory (or H2 in-memory) store, the workflows and activity fakes the test registers, and
 * a virtual clock with time skipping. While the test waits for a workflow result, or in {@link #sleep}, and every
 * workflow is blocked on time (no workflow task, activity attempt or commit in flight, nothing claimable now), the
 * clock jumps to the next due timer, retry or deadline, so a workflow that sleeps 30 days finishes in milliseconds.
 * Time also runs normally in between (the clock is real time plus the skipped time), and it does not skip while an
 * activity attempt runs. Workflow code that breaks the determinism rules is stopped with a message naming the call and
 * its deterministic alternative: code that blocks outside the runtime ({@code Thread.sleep}, joins, locks, I/O) or
 * starts a thread of its own is parked at once, and a workflow class that calls {@code Thread.sleep} or runs code on
 * the common {@code ForkJoinPool} ({@code CompletableFuture.runAsync}, parallel streams) is refused at
 * {@link Builder#start}.
 *
 * <pre>{@code
 * try (TestWorkflowEnvironment env = TestWorkflowEnvironment.builder()
 *         .workflows(ReminderWorkflowImpl.class).activities(new FakeMailer()).start()) {
 *     ReminderWorkflow w = env.client().newWorkflow(ReminderWorkflow.class, "r-1");
 *     assertThat(w.remind("in 30 days")).isEqualTo("sent");   // returns at once
 * }
 * }</pre>
 * Thread-safe.
 */
public final class TestWorkflowEnvironment implements AutoCloseable {
    private static final Duration SLEEP_REAL_TIME_LIMIT = Duration.ofSeconds(60);

    private final Engine engine;
    private final WorkflowStore store;
    private final Clock clock;
    private final TimeSkipper skipper;
    private final WorkflowClient client;
    /** Refuses threads started by workflow code; null when the builder turned the checks off. */
    private final ThreadWatch watch;

    private TestWorkflowEnvironment(Builder b, ThreadWatch watch) {
        this.watch = watch;
        WorkflowStore raw = b.store == StoreKind.H2_IN_MEMORY
                ? JdbcStore.h2InMemory("ratchet-test-" + UUID.randomUUID()) : new InMemoryStore();
        Engine.Builder eb = Engine.builder().workflows(b.workflows.toArray(Class<?>[]::new))
                .activities(b.activities.toArray()).deadlockTimeout(b.deadlockTimeout)
                .shutdownGracePeriod(Duration.ofSeconds(1));
        b.customizer.accept(eb);
        DeterminismCheck determinism = new DeterminismCheck();
        if (b.timeSkipping) {
            VirtualClock virtual = new VirtualClock(b.startTime.toEpochMilli());
            TimeSkipper[] wake = new TimeSkipper[1]; // the store reports writes to the skipper built next
            ObservedStore observed = ObservedStore.wrap(raw, virtual::millis, () -> {
                if (wake[0] != null) {
                    wake[0].signal();
                }
            });
            this.skipper = new TimeSkipper(virtual, observed, determinism);
            wake[0] = skipper;
            this.clock = virtual;
            this.store = raw;
            this.engine = eb.store(observed.store()).clock(virtual).probe(skipper).start();
            skipper.start(engine);
            this.client = WaitingClient.wrap(engine.client(), skipper, watch);
        } else {
            this.skipper = null;
            this.clock = Clock.systemUTC();
            this.store = raw;
            this.engine = eb.store(raw).probe(new EngineProbe() {
                @Override
                public String explainBlockedWorkflow(StackTraceElement[] stack) {
                    return determinism.explain(stack);
                }
            }).start();
            this.client = watch == null ? engine.client() : WaitingClient.wrap(engine.client(), null, watch);
        }
    }

    /** Starts configuring an environment (time skipping on, in-memory store). */
    public static Builder builder() {
        return new Builder();
    }

    /** The client of the environment's engine; waiting for a result through it lets time skip. */
    public WorkflowClient client() {
        return client;
    }

    /** The environment's engine, for options and {@code engineId()}. */
    public Engine engine() {
        return engine;
    }

    /** The store under the engine, e.g. to {@linkplain Histories#export export} a run's history. */
    public WorkflowStore store() {
        return store;
    }

    /** The engine clock's current time (virtual when time skipping is on). */
    public Instant currentTime() {
        return clock.instant();
    }

    /**
     * Lets {@code duration} of engine time pass: with time skipping, the clock moves forward at once, firing the
     * timers, retries and timeouts that become due on the way in order, and returns when the engine is idle at the
     * new time; in real time, it waits.
     */
    public void sleep(Duration duration) {
        InvalidArgumentException.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new InvalidArgumentException("duration must not be negative, was " + duration);
        }
        if (skipper != null) {
            skipper.sleep(duration, SLEEP_REAL_TIME_LIMIT);
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the engine and drops the store. Idempotent. */
    @Override
    public void close() {
        if (skipper != null) {
            skipper.close();
        }
        engine.close();
        if (watch != null) {
            watch.close();
        }
    }

    /** Which store an environment uses. */
    public enum StoreKind {
        /** engine-core's {@code InMemoryStore} (the default). */
        IN_MEMORY,
        /** engine-jdbc's store on a private H2 in-memory database: the SQL path, still without files. */
        H2_IN_MEMORY
    }

    /** Configures a {@link TestWorkflowEnvironment}; setters validate at once. Not thread-safe. */
    public static final class Builder {
        private final List<Class<?>> workflows = new ArrayList<>();
        private final List<Object> activities = new ArrayList<>();
        private StoreKind store = StoreKind.IN_MEMORY;
        private boolean timeSkipping = true;
        private Instant startTime = Instant.now();
        private Duration deadlockTimeout = Duration.ofSeconds(1);
        private Consumer<Engine.Builder> customizer = e -> { };
        private boolean determinismChecks = true;

        private Builder() {
        }

        /** Registers workflow implementation classes. */
        public Builder workflows(Class<?>... implementations) {
            InvalidArgumentException.requireNonNull(implementations, "implementations");
            workflows.addAll(List.of(implementations));
            return this;
        }

        /** Registers activity implementations: the real ones or fakes (plain implementations of the interface). */
        public Builder activities(Object... implementations) {
            InvalidArgumentException.requireNonNull(implementations, "implementations");
            activities.addAll(List.of(implementations));
            return this;
        }

        /** The store kind (default {@link StoreKind#IN_MEMORY}). */
        public Builder store(StoreKind kind) {
            this.store = InvalidArgumentException.requireNonNull(kind, "kind");
            return this;
        }

        /** Whether time skips (default true); false runs on the system clock in real time. */
        public Builder timeSkipping(boolean enabled) {
            this.timeSkipping = enabled;
            return this;
        }

        /** The virtual clock's start (default now); only with time skipping. */
        public Builder startTime(Instant start) {
            this.startTime = InvalidArgumentException.requireNonNull(start, "start");
            return this;
        }

        /** How long workflow code may block before it is reported (default 1 s). */
        public Builder deadlockTimeout(Duration timeout) {
            this.deadlockTimeout = InvalidArgumentException.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Further engine settings (task queue, limits); store, clock and probe are the environment's. */
        public Builder engine(Consumer<Engine.Builder> settings) {
            this.customizer = InvalidArgumentException.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Whether the environment refuses what breaks the determinism rules without blocking (default true): a
         * workflow thread that starts a thread of its own (the run is parked with a message naming the call), and
         * workflow classes that call {@code Thread.sleep} or hand work to the common {@code ForkJoinPool}
         * ({@link #start} throws). Workflow code blocked outside the runtime is reported either way.
         */
        public Builder determinismChecks(boolean enabled) {
            this.determinismChecks = enabled;
            return this;
        }

        /**
         * Starts the environment's engine.
         *
         * @throws InvalidArgumentException when a workflow class calls {@code Thread.sleep}, or runs code on the common
         *                                  {@code ForkJoinPool} ({@code CompletableFuture.runAsync}, a parallel
         *                                  stream), unless {@link #determinismChecks} is off
         */
        public TestWorkflowEnvironment start() {
            if (!determinismChecks) {
                return new TestWorkflowEnvironment(this, null);
            }
            List<String> problems = new ArrayList<>();
            WorkflowClassCheck check = new WorkflowClassCheck();
            for (Class<?> w : workflows) {
                check.check(w).forEach(f -> problems.add(f.message()));
            }
            if (!problems.isEmpty()) {
                throw new InvalidArgumentException(String.join("\n", problems));
            }
            ThreadWatch watch = new ThreadWatch();
            try {
                // the engine's threads, created now or later by these, carry the watch into the workflow threads
                return watch.bound(() -> new TestWorkflowEnvironment(this, watch));
            } catch (RuntimeException | Error e) {
                watch.close();
                throw e;
            }
        }
    }
}
