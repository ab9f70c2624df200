package dev.ratchet.api;

/**
 * An {@link ActivityCompletionClient} call named no open activity attempt: the token is unknown or malformed, or the
 * attempt already ended (completed, failed, timed out, retried). Nothing was changed.
 */
public final class ActivityCompletionException extends RatchetException {
    /** Creates the exception. */
    public ActivityCompletionException(String message) {
        super(message);
    }
}
