package dev.ratchet.api;

import java.util.Objects;

/**
 * A business failure with a type name. Thrown from a workflow it fails the workflow (instead of parking it);
 * thrown from an activity it is retried unless non-retryable. Any other exception from an activity is converted to an
 * {@code ApplicationFailure} whose type is the exception's class name.
 */
public final class ApplicationFailure extends RatchetFailure {
    private final String type;
    private final boolean nonRetryable;

    private ApplicationFailure(String type, String message, boolean nonRetryable, Throwable cause, String recordedStack) {
        super(message, cause, recordedStack);
        this.type = Objects.requireNonNull(type, "type");
        this.nonRetryable = nonRetryable;
    }

    /** A retryable failure of the given type. */
    public static ApplicationFailure of(String type, String message) {
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, false, null, null);
    }

    /** A failure that activity retry policies do not retry. */
    public static ApplicationFailure nonRetryable(String type, String message) {
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, true, null, null);
    }

    /** Rebuilds a failure read from history; used by the engine. */
    public static ApplicationFailure fromHistory(String type, String message, boolean nonRetryable, String stackTrace,
            RatchetFailure cause) {
        return new ApplicationFailure(type, message, nonRetryable, cause, stackTrace == null ? "" : stackTrace);
    }

    /** The failure's type name, for example {@code "InsufficientFunds"} or an exception class name. */
    public String type() {
        return type;
    }

    /** Whether retry policies must not retry this failure. */
    public boolean isNonRetryable() {
        return nonRetryable;
    }

    @Override
    public String toString() {
        return "ApplicationFailure[type=" + type + ", message=" + getMessage() + (nonRetryable ? ", nonRetryable" : "")
                + "]";
    }
}
