package dev.ratchet.api;

import dev.ratchet.api.spi.EncodedValues;
import java.util.Objects;

/**
 * A business failure with a type name. Thrown from a workflow it fails the workflow (instead of parking it);
 * thrown from an activity it is retried unless non-retryable. Any other exception from an activity is converted to an
 * {@code ApplicationFailure} whose type is the exception's class name. It may carry details: values stored with it as
 * JSON payloads and read back typed with {@link #details(int, Class)}, for example the balance that was short.
 */
public final class ApplicationFailure extends RatchetFailure {
    private final String type;
    private final boolean nonRetryable;
    private final Object[] details;
    private final EncodedValues recordedDetails;

    private ApplicationFailure(String type, String message, boolean nonRetryable, Throwable cause, String recordedStack,
            Object[] details, EncodedValues recordedDetails) {
        super(message, cause, recordedStack);
        this.type = Objects.requireNonNull(type, "type");
        this.nonRetryable = nonRetryable;
        this.details = details == null ? new Object[0] : details.clone();
        this.recordedDetails = recordedDetails;
    }

    /** A retryable failure of the given type. */
    public static ApplicationFailure of(String type, String message) {
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, false, null, null,
                null, null);
    }

    /** A retryable failure of the given type with details (each must be writable as JSON). */
    public static ApplicationFailure of(String type, String message, Object... details) {
        InvalidArgumentException.requireNonNull(details, "details");
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, false, null, null,
                details, null);
    }

    /** A failure that activity retry policies do not retry. */
    public static ApplicationFailure nonRetryable(String type, String message) {
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, true, null, null,
                null, null);
    }

    /** A non-retryable failure with details (each must be writable as JSON). */
    public static ApplicationFailure nonRetryable(String type, String message, Object... details) {
        InvalidArgumentException.requireNonNull(details, "details");
        return new ApplicationFailure(InvalidArgumentException.requireNonBlank(type, "type"), message, true, null, null,
                details, null);
    }

    /** Rebuilds a failure read from history; used by the engine. */
    public static ApplicationFailure fromHistory(String type, String message, boolean nonRetryable, String stackTrace,
            RatchetFailure cause, EncodedValues details) {
        return new ApplicationFailure(type, message, nonRetryable, cause, stackTrace == null ? "" : stackTrace, null,
                details);
    }

    /** How many details the failure carries. */
    public int detailsCount() {
        return recordedDetails != null ? recordedDetails.size() : details.length;
    }

    /**
     * Detail {@code index} as {@code type}: decoded from its JSON form when the failure was read from history.
     *
     * @throws InvalidArgumentException if there is no such detail or it is not of that type
     */
    public <T> T details(int index, Class<T> type) {
        InvalidArgumentException.requireNonNull(type, "type");
        if (index < 0 || index >= detailsCount()) {
            throw new InvalidArgumentException("detail index " + index + " is out of range; this failure has "
                    + detailsCount() + " detail(s)");
        }
        if (recordedDetails != null) {
            return recordedDetails.get(index, type);
        }
        Object value = details[index];
        if (value != null && !type.isInstance(value)) {
            throw new InvalidArgumentException("detail " + index + " is a " + value.getClass().getName() + ", not a "
                    + type.getName());
        }
        return type.cast(value);
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
