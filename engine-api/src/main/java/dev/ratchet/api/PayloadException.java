package dev.ratchet.api;

/**
 * A value could not be written to or read from its JSON payload, or its payload is above the size limit.
 * Nothing was stored.
 */
public class PayloadException extends InvalidArgumentException {
    /** Creates the exception. */
    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception. */
    public PayloadException(String message) {
        super(message);
    }
}
