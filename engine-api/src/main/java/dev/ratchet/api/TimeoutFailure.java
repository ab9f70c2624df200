package dev.ratchet.api;

/**
 * A timeout fired. Inside an {@link ActivityFailure} it names the activity timeout that ended the activity; as the
 * cause of a {@link WorkflowFailedException} it names the workflow timeout.
 */
public final class TimeoutFailure extends RatchetFailure {
    private final TimeoutType timeoutType;

    /** Creates the failure. */
    public TimeoutFailure(TimeoutType timeoutType, String message) {
        this(timeoutType, message, null, null);
    }

    private TimeoutFailure(TimeoutType timeoutType, String message, RatchetFailure cause, String recordedStack) {
        super(message, cause, recordedStack);
        this.timeoutType = InvalidArgumentException.requireNonNull(timeoutType, "timeoutType");
    }

    /** Rebuilds a failure read from history; used by the engine. */
    public static TimeoutFailure fromHistory(TimeoutType type, String message, String stackTrace,
            RatchetFailure cause) {
        return new TimeoutFailure(type, message, cause, stackTrace == null ? "" : stackTrace);
    }

    /** Which timeout fired. */
    public TimeoutType timeoutType() {
        return timeoutType;
    }

    @Override
    public String toString() {
        return "TimeoutFailure[" + timeoutType + ": " + getMessage() + "]";
    }
}
