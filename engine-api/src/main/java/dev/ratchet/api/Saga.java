package dev.ratchet.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Undoes the completed steps of a multi-step workflow: register a compensation before each step with
 * {@link #addCompensation}, and call {@link #compensate()} when a later step fails. Compensations are workflow code
 * (usually activity calls), so they retry under their activity options and are durable: an engine that crashes while
 * compensating continues compensating after restart. Use from workflow code only; not thread-safe (like all workflow
 * state, it is touched by one workflow thread at a time).
 *
 * <pre>{@code
 * Saga saga = new Saga(Saga.Options.defaults().withContinueWithError(true));
 * try {
 *     saga.addCompensation(inventory::release, orderId);
 *     inventory.reserve(orderId);
 *     saga.addCompensation(payments::refund, orderId);
 *     payments.charge(orderId);
 * } catch (ActivityFailure e) {
 *     saga.compensate();
 *     throw e;
 * }
 * }</pre>
 *
 * <p>After a workflow was canceled, call {@code compensate()} inside
 * {@link Workflow#newDetachedCancellationScope(Runnable)}, since blocking calls in the canceled scope fail.
 */
public final class Saga {
    private final Options options;
    private final List<Functions.Proc> compensations = new ArrayList<>();

    /**
     * How {@link #compensate()} runs.
     *
     * @param parallelCompensation run all compensations at once (each in its own workflow thread) instead of one by
     *                             one in reverse order
     * @param continueWithError    go on with the remaining compensations when one fails, collecting the failures;
     *                             otherwise (sequential mode) stop at the first failure
     */
    public record Options(boolean parallelCompensation, boolean continueWithError) {
        /** Sequential, in reverse order, stopping at the first failed compensation. */
        public static Options defaults() {
            return new Options(false, false);
        }

        /** These options with parallel compensation on or off. */
        public Options withParallelCompensation(boolean parallel) {
            return new Options(parallel, continueWithError);
        }

        /** These options with continuing past a failed compensation on or off. */
        public Options withContinueWithError(boolean continueOnError) {
            return new Options(parallelCompensation, continueOnError);
        }
    }

    /**
     * One or more compensations failed. Its cause is the first failure; {@link #failures()} lists all of them in the
     * order they happened (available in the run that compensated; a failure read back from history keeps the message,
     * which names every failure).
     */
    public static final class CompensationException extends RatchetFailure {
        private final transient List<RuntimeException> failures;

        CompensationException(List<RuntimeException> failures) {
            super(message(failures), failures.get(0), null);
            this.failures = List.copyOf(failures);
        }

        /** Every compensation failure, in the order they happened. */
        public List<RuntimeException> failures() {
            return failures;
        }

        private static String message(List<RuntimeException> failures) {
            StringBuilder b = new StringBuilder(failures.size() + " compensation(s) failed:");
            for (RuntimeException f : failures) {
                b.append(" [").append(f.getClass().getSimpleName()).append(": ").append(f.getMessage()).append(']');
            }
            return b.toString();
        }
    }

    /** A saga that compensates sequentially in reverse order and stops at the first failed compensation. */
    public Saga() {
        this(Options.defaults());
    }

    /** A saga with the given options. */
    public Saga(Options options) {
        this.options = InvalidArgumentException.requireNonNull(options, "options");
    }

    /** Registers a compensation; call it before the step it undoes, so a step that half-happened is undone too. */
    public void addCompensation(Functions.Proc compensation) {
        compensations.add(InvalidArgumentException.requireNonNull(compensation, "compensation"));
    }

    /** Registers a compensation that is a one-argument call, such as an activity method reference. */
    public <A> void addCompensation(Functions.Proc1<A> compensation, A argument) {
        InvalidArgumentException.requireNonNull(compensation, "compensation");
        compensations.add(() -> compensation.apply(argument));
    }

    /** Registers a compensation that is a two-argument call. */
    public <A, B> void addCompensation(Functions.Proc2<A, B> compensation, A first, B second) {
        InvalidArgumentException.requireNonNull(compensation, "compensation");
        compensations.add(() -> compensation.apply(first, second));
    }

    /**
     * Runs the registered compensations: in reverse order of registration, or all at once with
     * {@link Options#parallelCompensation()}. Each runs once per call.
     *
     * @throws CompensationException if any compensation failed (sequentially without {@code continueWithError}: the
     *                               first failure, with the older compensations not run)
     */
    public void compensate() {
        List<RuntimeException> failures = new ArrayList<>();
        if (options.parallelCompensation()) {
            List<Promise<Void>> running = new ArrayList<>();
            for (int i = compensations.size() - 1; i >= 0; i--) {
                running.add(Async.procedure(compensations.get(i)));
            }
            for (Promise<Void> p : running) {
                try {
                    p.get();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        } else {
            for (int i = compensations.size() - 1; i >= 0; i--) {
                try {
                    compensations.get(i).apply();
                } catch (RuntimeException e) {
                    failures.add(e);
                    if (!options.continueWithError()) {
                        break;
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new CompensationException(failures);
        }
    }
}
