package dev.ratchet.api;

import java.time.Instant;

/**
 * One recorded event of a run's history, as {@link WorkflowClient#fetchHistory(String)} returns it: plain data that
 * serializes to JSON as it is, for inspection and for replaying the run against new code.
 *
 * @param seq        position in the history, from 1
 * @param type       the event type, for example {@code SignalReceived}
 * @param time       when it was recorded (engine clock)
 * @param attributes the event's attributes as a JSON object
 */
public record WorkflowHistoryEvent(long seq, String type, Instant time, String attributes) {
}
