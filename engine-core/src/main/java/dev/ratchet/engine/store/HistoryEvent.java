package dev.ratchet.engine.store;

/**
 * One event of a run's append-only history, as the store keeps it. The store treats {@code type} and
 * {@code attributes} (a JSON object) as opaque text.
 *
 * @param seq        position in the run's history, from 1, without gaps
 * @param type       the event type name, for example {@code "ActivityScheduled"}
 * @param time       when the event was recorded, epoch milliseconds of the engine's clock
 * @param attributes the event's attributes as a JSON object
 */
public record HistoryEvent(long seq, String type, long time, String attributes) {
}
