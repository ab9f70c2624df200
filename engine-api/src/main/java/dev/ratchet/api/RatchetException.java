package dev.ratchet.api;

/**
 * The root of every exception Ratchet throws. Messages say which argument or state was wrong, why, and what to do.
 */
public class RatchetException extends RuntimeException {
    /** Creates an exception with a message. */
    public RatchetException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public RatchetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For failures that are rebuilt from history, where a stack trace of the rebuilding code would mislead. */
    protected RatchetException(String message, Throwable cause, boolean writableStackTrace) {
        super(message, cause, true, writableStackTrace);
    }
}
