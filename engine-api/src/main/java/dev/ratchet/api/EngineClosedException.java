package dev.ratchet.api;

/** A call reached an engine (or its client) after {@code close()}; build and start a new engine instead. */
public class EngineClosedException extends RatchetException {
    /** Creates the exception. */
    public EngineClosedException(String message) {
        super(message);
    }
}
