package dev.ratchet.engine.behaviour;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import dev.ratchet.api.ActivityFailure;
import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.RatchetFailure;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.TimeoutFailure;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Workflows and activities of {@link ActivityTests}. Static state is reset by {@link #reset()}. */
public final class ActivityWorkflows {
    private ActivityWorkflows() {
    }

    /** Every activity call as "method:key#attempt". */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** Task tokens of async activities, by key. */
    public static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** Released by tests to let gated activities finish. */
    public static volatile CountDownLatch gate = new CountDownLatch(0);
    public static final AtomicInteger CONCURRENT = new AtomicInteger();
    public static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();

    public static void reset() {
        CALLS.clear();
        TOKENS.clear();
        gate = new CountDownLatch(0);
        CONCURRENT.set(0);
        MAX_CONCURRENT.set(0);
    }

    @ActivityInterface
    public interface Probe {
        String fail(String key);

        String hang(String key);

        String progress(String key);

        String cancellable(String key);

        String async(String key);

        String gated(String key);

        String beatThenHang(String key);
    }

    public static class ProbeImpl implements Probe {
        static void record(String method, String key) {
            CALLS.add(method + ":" + key + "#" + Activity.context().attempt());
        }

        @Override
        public String fail(String key) {
            record("fail", key);
            if (key.startsWith("fatal")) {
                throw new IllegalArgumentException("fatal " + key);
            }
            if (key.startsWith("details")) {
                throw ApplicationFailure.nonRetryable("Short", "short by 42", 42, "EUR");
            }
            throw ApplicationFailure.of("Boom", "boom " + key);
        }

        @Override
        public String hang(String key) {
            record("hang", key);
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "interrupted";
        }

        @Override
        public String progress(String key) {
            record("progress", key);
            ActivityContext ctx = Activity.context();
            int from = ctx.heartbeatDetails(Integer.class).orElse(0);
            if (ctx.attempt() == 1) {
                for (int i = from + 1; i <= from + 3; i++) {
                    ctx.heartbeat(i);
                }
                throw ApplicationFailure.of("Crash", "crashed after 3 steps");
            }
            return "resumed from " + from;
        }

        @Override
        public String cancellable(String key) {
            record("cancellable", key);
            while (true) {
                Activity.context().heartbeat(null);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }

        @Override
        public String async(String key) {
            record("async", key);
            ActivityContext ctx = Activity.context();
            ctx.doNotCompleteOnReturn();
            TOKENS.put(key, ctx.taskToken());
            return "ignored";
        }

        @Override
        public String beatThenHang(String key) {
            throw ApplicationFailure.nonRetryable("NotHere", "only BeatingProbeImpl beats then hangs");
        }

        @Override
        public String gated(String key) {
            record("gated", key);
            int now = CONCURRENT.incrementAndGet();
            MAX_CONCURRENT.accumulateAndGet(now, Math::max);
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                CONCURRENT.decrementAndGet();
            }
            return key;
        }
    }

    /** Beats progress 1, 2, 3 in quick succession (coalesced), then hangs until interrupted. */
    public static final class BeatingProbeImpl extends ProbeImpl {
        @Override
        public String beatThenHang(String key) {
            record("beatThenHang", key);
            for (int i = 1; i <= 3; i++) {
                Activity.context().heartbeat(i);
            }
            return hang(key);
        }
    }

    /** Beats once, then hangs ignoring interrupts until the gate opens: an engine whose activity thread is stuck. */
    public static final class StuckProbeImpl extends ProbeImpl {
        @Override
        public String hang(String key) {
            record("stuck", key);
            Activity.context().heartbeat("started"); // beats once, then hangs without beating again
            while (gate.getCount() > 0) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    // stuck: ignores the watchdog
                }
            }
            return "stuck";
        }
    }

    /** An activity that returns at once on this engine (the second engine of a takeover). */
    public static final class QuickProbeImpl extends ProbeImpl {
        @Override
        public String hang(String key) {
            record("quick", key);
            return "quick " + key;
        }
    }

    /** The options a mode runs its activity with. */
    static ActivityOptions options(String mode) {
        RetryPolicy twice = RetryPolicy.defaults().withInitialInterval(Duration.ofSeconds(1)).withMaximumAttempts(2);
        ActivityOptions base = ActivityOptions.of(Duration.ofSeconds(100)).withRetry(twice);
        return switch (mode) {
            case "schedule" -> base.withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofSeconds(1))
                    .withBackoffCoefficient(2).withMaximumInterval(Duration.ofSeconds(3)).withMaximumAttempts(4));
            case "fatal" -> base.withRetry(RetryPolicy.exponential(5)
                    .withNonRetryableTypes(IllegalArgumentException.class.getName()));
            case "startToClose" -> base.withStartToCloseTimeout(Duration.ofSeconds(10));
            case "heartbeat" -> base.withHeartbeatTimeout(Duration.ofSeconds(5)).withRetry(RetryPolicy.noRetries());
            case "scheduleToStart" -> base.withScheduleToStartTimeout(Duration.ofSeconds(5)).withTaskQueue("nobody");
            case "scheduleToClose" -> base.withScheduleToCloseTimeout(Duration.ofSeconds(20))
                    .withRetry(RetryPolicy.defaults());
            case "progress" -> base.withRetry(twice.withInitialInterval(Duration.ofMillis(10)));
            case "cancel" -> base.withHeartbeatTimeout(Duration.ofSeconds(1)).withRetry(RetryPolicy.exponential(5));
            case "takeover" -> ActivityOptions.of(Duration.ofSeconds(30)).withHeartbeatTimeout(Duration.ofMillis(500))
                    .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(10)));
            case "gated" -> base.withTaskQueue("limited");
            case "remote" -> base.withTaskQueue("remote");
            default -> base;
        };
    }

    /** Runs one activity chosen by mode and describes how it ended. */
    @WorkflowInterface
    public interface Runner {
        @WorkflowMethod
        String run(String mode, String activity, String key);
    }

    public static final class RunnerImpl implements Runner {
        @Override
        public String run(String mode, String activity, String key) {
            Probe probe = Workflow.activities(Probe.class, options(mode));
            String outcome;
            try {
                outcome = "ok:" + switch (activity) {
                    case "fail" -> probe.fail(key);
                    case "hang" -> probe.hang(key);
                    case "progress" -> probe.progress(key);
                    case "cancellable" -> probe.cancellable(key);
                    case "async" -> probe.async(key);
                    case "gated" -> probe.gated(key);
                    case "beatThenHang" -> probe.beatThenHang(key);
                    default -> throw ApplicationFailure.nonRetryable("BadActivity", activity);
                };
            } catch (ActivityFailure f) {
                outcome = describe(f);
            }
            if (mode.equals("sleepAfter")) {
                Workflow.sleep(Duration.ofHours(1)); // a restart here replays the failure from history
            }
            return outcome;
        }

        /** Branches on the failure's cause as workflow code would. */
        static String describe(ActivityFailure f) {
            RatchetFailure cause = f.getCause();
            String what = switch (cause) {
                case TimeoutFailure t -> "timeout " + t.timeoutType();
                case CanceledFailure c -> "canceled";
                case ApplicationFailure a -> "app " + a.type()
                        + (a.detailsCount() == 2 ? " " + a.details(0, Integer.class) + " " + a.details(1, String.class)
                                : "");
                default -> cause.getClass().getSimpleName();
            };
            return "failed:" + f.attempts() + ":" + what;
        }
    }

    /** Sleeps for a long time: for workflow timeouts. */
    @WorkflowInterface
    public interface Sleeper {
        @WorkflowMethod
        String sleep(long hours);
    }

    public static final class SleeperImpl implements Sleeper {
        @Override
        public String sleep(long hours) {
            Workflow.sleep(Duration.ofHours(hours));
            return "woke";
        }
    }
}
