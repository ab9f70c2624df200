package dev.ratchet.testing;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Async;
import dev.ratchet.api.Promise;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflows and activities of the testing kit's tests. */
public final class Fixtures {
    private Fixtures() {
    }

    @ActivityInterface
    public interface Mailer {
        String send(String to);
    }

    /** A fake mailer: records what it sent; fails the first {@code failures} calls. */
    public static final class FakeMailer implements Mailer {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;

        public FakeMailer() {
            this(0);
        }

        FakeMailer(int failures) {
            this.failures = failures;
        }

        @Override
        public String send(String to) {
            if (calls.incrementAndGet() <= failures) {
                throw new IllegalStateException("mail server down");
            }
            sent.add(to);
            return "sent to " + to;
        }
    }

    @WorkflowInterface(name = "Reminder")
    public interface Reminder {
        @WorkflowMethod
        String remind(String to);
    }

    /** Waits 30 days, then mails. */
    public static final class ReminderImpl implements Reminder {
        private final Mailer mailer = Workflow.activities(Mailer.class, ActivityOptions.of(Duration.ofSeconds(10)));

        @Override
        public String remind(String to) {
            Workflow.sleep(Duration.ofDays(30));
            return mailer.send(to) + " at day " + Duration.ofMillis(Workflow.currentTime().toEpochMilli()).toDays();
        }
    }

    @WorkflowInterface(name = "Persistent")
    public interface Persistent {
        @WorkflowMethod
        String mail(String to);
    }

    /** Mails with a retry policy whose backoff is hours long. */
    public static final class PersistentImpl implements Persistent {
        private final Mailer mailer = Workflow.activities(Mailer.class, ActivityOptions.of(Duration.ofSeconds(10))
                .withRetry(RetryPolicy.exponential(5).withInitialInterval(Duration.ofHours(1))
                        .withMaximumInterval(Duration.ofDays(1))));

        @Override
        public String mail(String to) {
            return mailer.send(to);
        }
    }

    @WorkflowInterface(name = "Sleepy")
    public interface Sleepy {
        @WorkflowMethod
        String run(int mode);
    }

    /** Breaks the determinism rules on purpose: 0 = Thread.sleep, 1 = Thread.join, 2 = Object.wait. */
    public static final class SleepyImpl implements Sleepy {
        private final Object monitor = new Object();

        @Override
        public String run(int mode) {
            try {
                switch (mode) {
                    case 0 -> Blocking.pause(60_000);     // in a helper class: the class check sees only this one
                    case 1 -> Thread.currentThread().join(60_000);
                    default -> {
                        synchronized (monitor) {
                            monitor.wait(60_000);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }
    }

    /** Blocking helpers that workflow code calls (not a workflow class, so the bytecode check does not look here). */
    public static final class Blocking {
        private Blocking() {
        }

        static void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }

    @WorkflowInterface(name = "Spawner")
    public interface Spawner {
        @WorkflowMethod
        String run(String how);
    }

    /** Starts a thread of its own, in the way {@code how} names, and never waits for it. */
    public static final class SpawnerImpl implements Spawner {
        /** Tasks that ran on a thread a workflow started. */
        static final AtomicInteger RAN = new AtomicInteger();

        @Override
        public String run(String how) {
            Runnable task = RAN::incrementAndGet;
            switch (how) {
                case "new Thread" -> new Thread(task).start();
                case "executor" -> Executors.newFixedThreadPool(2).submit(task);
                case "single executor" -> Executors.newSingleThreadExecutor().execute(task);
                case "virtual builder" -> Thread.ofVirtual().start(task);
                case "startVirtualThread" -> Thread.startVirtualThread(task);
                case "virtual executor" -> Executors.newVirtualThreadPerTaskExecutor().submit(task);
                case "platform builder" -> Thread.ofPlatform().daemon().start(task);
                case "timer" -> new Timer(true).schedule(new TimerTask() {
                    @Override
                    public void run() {
                        task.run();
                    }
                }, 1);
                default -> throw new IllegalArgumentException(how);
            }
            return "done";
        }
    }

    /** Hands work to the common ForkJoinPool with CompletableFuture.runAsync. */
    public static final class CommonPoolImpl implements Spawner {
        @Override
        public String run(String how) {
            CompletableFuture.runAsync(SpawnerImpl.RAN::incrementAndGet);
            return "done";
        }
    }

    /** Naps briefly with Thread.sleep, too briefly for the deadlock detector, and sums in a parallel stream. */
    public static final class NapperImpl implements Spawner {
        @Override
        public String run(String how) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "sum " + List.of(1, 2, 3).parallelStream().mapToInt(i -> i).sum();
        }
    }

    @ActivityInterface
    public interface Threaded {
        int twice(int n);
    }

    /** An activity may use threads as it likes: it is not workflow code. */
    public static final class ThreadedImpl implements Threaded {
        @Override
        public int twice(int n) {
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                return pool.submit(() -> CompletableFuture.supplyAsync(() -> 2 * n).join()).get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @WorkflowInterface(name = "Busy")
    public interface Busy {
        @WorkflowMethod
        int run(int depth);
    }

    /**
     * Keeps the engine busy by the rules: async activities, an async timer and a child workflow on workflow threads.
     * Returns 12 per level of depth.
     */
    public static final class BusyImpl implements Busy {
        private final Threaded threaded = Workflow.activities(Threaded.class, ActivityOptions.of(Duration.ofSeconds(10)));

        @Override
        public int run(int depth) {
            if (depth == 0) {
                return 0;
            }
            List<Promise<Integer>> parts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                parts.add(Async.function(threaded::twice, i));
            }
            Promise<Void> nap = Async.procedure(() -> Workflow.sleep(Duration.ofMillis(50)));
            Busy child = Workflow.newChildWorkflowStub(Busy.class);
            Promise<Integer> below = Async.function(child::run, depth - 1);
            Promise.allOf(parts).get();
            nap.get();
            int sum = below.get();
            for (Promise<Integer> p : parts) {
                sum += p.get();
            }
            return sum;
        }
    }
}
