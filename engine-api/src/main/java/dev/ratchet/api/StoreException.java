package dev.ratchet.api;

/** The store (the database) failed or could not be reached. The operation may be retried. */
public class StoreException extends RatchetException {
    /** Creates the exception. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception. */
    public StoreException(String message) {
        super(message);
    }
}
