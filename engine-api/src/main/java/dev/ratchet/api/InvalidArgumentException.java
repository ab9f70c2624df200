package dev.ratchet.api;

/** A public entry point was called with an argument it cannot accept; nothing was changed. */
public class InvalidArgumentException extends RatchetException {
    /** Creates the exception; the message names the argument, why it is wrong and what to pass instead. */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /** Creates the exception with the underlying cause. */
    public InvalidArgumentException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws if {@code value} is null or blank, naming the argument. */
    public static String requireNonBlank(String value, String argument) {
        if (value == null || value.isBlank()) {
            throw new InvalidArgumentException(argument + " must not be null or blank");
        }
        return value;
    }

    /** Throws if {@code value} is null, naming the argument. */
    public static <T> T requireNonNull(T value, String argument) {
        if (value == null) {
            throw new InvalidArgumentException(argument + " must not be null");
        }
        return value;
    }
}
