package dev.ratchet.testing;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** Breaks the determinism rules on purpose: 0 = Thread.sleep, 1 = joins its own thread, 2 = Object.wait. */
    public static final class SleepyImpl implements Sleepy {
        private final Object monitor = new Object();

        @Override
        public String run(int mode) {
            try {
                switch (mode) {
                    case 0 -> Thread.sleep(60_000);
                    case 1 -> {
                        Thread t = new Thread(() -> sleepQuietly(60_000));
                        t.start();
                        t.join();
                    }
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

        private static void sleepQuietly(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
