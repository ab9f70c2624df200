package dev.ratchet.api.spi;

/** Values recorded as payloads (failure details, heartbeat details), decoded on demand to the type the reader asks. */
public interface EncodedValues {
    /** How many values there are. */
    int size();

    /** Value {@code index} decoded as {@code type}. */
    <T> T get(int index, Class<T> type);
}
