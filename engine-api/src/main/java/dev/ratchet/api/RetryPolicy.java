package dev.ratchet.api;

import java.time.Duration;
import java.util.List;

/**
 * How an activity is retried: exponential backoff from {@code initialInterval}, multiplied by
 * {@code backoffCoefficient} per attempt up to {@code maximumInterval}, for at most {@code maximumAttempts} attempts
 * (0 = unlimited), never for failures whose type is in {@code nonRetryableTypes}. Immutable; invalid values are
 * rejected, never clamped.
 *
 * @param initialInterval    delay before the second attempt; positive
 * @param backoffCoefficient factor applied per further attempt; at least 1
 * @param maximumInterval    cap on the delay; not below {@code initialInterval}
 * @param maximumAttempts    total attempts including the first; 0 means unlimited
 * @param nonRetryableTypes  failure types (ApplicationFailure types or exception class names) that stop at once
 */
public record RetryPolicy(Duration initialInterval, double backoffCoefficient, Duration maximumInterval,
        int maximumAttempts, List<String> nonRetryableTypes) {

    private static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(100), 0,
            List.of());

    /** Validates every field. */
    public RetryPolicy {
        InvalidArgumentException.requireNonNull(initialInterval, "initialInterval");
        InvalidArgumentException.requireNonNull(maximumInterval, "maximumInterval");
        InvalidArgumentException.requireNonNull(nonRetryableTypes, "nonRetryableTypes");
        if (initialInterval.isNegative() || initialInterval.isZero()) {
            throw new InvalidArgumentException("initialInterval must be positive, was " + initialInterval);
        }
        if (!(backoffCoefficient >= 1.0) || Double.isInfinite(backoffCoefficient)) {
            throw new InvalidArgumentException("backoffCoefficient must be a finite number >= 1, was "
                    + backoffCoefficient);
        }
        if (maximumInterval.compareTo(initialInterval) < 0) {
            throw new InvalidArgumentException("maximumInterval (" + maximumInterval
                    + ") must not be below initialInterval (" + initialInterval + ")");
        }
        if (maximumAttempts < 0) {
            throw new InvalidArgumentException("maximumAttempts must be >= 0 (0 = unlimited), was " + maximumAttempts);
        }
        for (String t : nonRetryableTypes) {
            InvalidArgumentException.requireNonBlank(t, "nonRetryableTypes element");
        }
        nonRetryableTypes = List.copyOf(nonRetryableTypes);
    }

    /** The default policy: 1 s initial interval, coefficient 2, at most 100 s between attempts, unlimited attempts. */
    public static RetryPolicy defaults() {
        return DEFAULT;
    }

    /** The default policy limited to {@code maximumAttempts} attempts. */
    public static RetryPolicy exponential(int maximumAttempts) {
        return DEFAULT.withMaximumAttempts(maximumAttempts);
    }

    /** A policy that makes exactly one attempt. */
    public static RetryPolicy noRetries() {
        return DEFAULT.withMaximumAttempts(1);
    }

    /** A copy with another initial interval; the maximum interval follows as 100 times it if it was the default. */
    public RetryPolicy withInitialInterval(Duration interval) {
        InvalidArgumentException.requireNonNull(interval, "initialInterval");
        Duration max = maximumInterval.equals(initialInterval.multipliedBy(100)) ? interval.multipliedBy(100)
                : maximumInterval;
        return new RetryPolicy(interval, backoffCoefficient, max, maximumAttempts, nonRetryableTypes);
    }

    /** A copy with another backoff coefficient. */
    public RetryPolicy withBackoffCoefficient(double coefficient) {
        return new RetryPolicy(initialInterval, coefficient, maximumInterval, maximumAttempts, nonRetryableTypes);
    }

    /** A copy with another maximum interval. */
    public RetryPolicy withMaximumInterval(Duration interval) {
        return new RetryPolicy(initialInterval, backoffCoefficient, interval, maximumAttempts, nonRetryableTypes);
    }

    /** A copy with another attempt limit (0 = unlimited). */
    public RetryPolicy withMaximumAttempts(int attempts) {
        return new RetryPolicy(initialInterval, backoffCoefficient, maximumInterval, attempts, nonRetryableTypes);
    }

    /** A copy that never retries the given failure types. */
    public RetryPolicy withNonRetryableTypes(String... types) {
        InvalidArgumentException.requireNonNull(types, "types");
        return new RetryPolicy(initialInterval, backoffCoefficient, maximumInterval, maximumAttempts, List.of(types));
    }

    /**
     * The delay before attempt {@code attempt + 1} after attempt {@code attempt} failed, or null when the policy allows
     * no further attempt.
     */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) {
            throw new InvalidArgumentException("attempt must be >= 1, was " + attempt);
        }
        if (maximumAttempts != 0 && attempt >= maximumAttempts) {
            return null;
        }
        double millis = initialInterval.toMillis() * Math.pow(backoffCoefficient, attempt - 1);
        long capped = (long) Math.min(millis, (double) maximumInterval.toMillis());
        return Duration.ofMillis(capped);
    }

    /** Whether a failure of this type may be retried at all. */
    public boolean retries(String failureType) {
        return !nonRetryableTypes.contains(failureType);
    }
}
