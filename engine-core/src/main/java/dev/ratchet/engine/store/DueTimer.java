package dev.ratchet.engine.store;

/**
 * A timer whose time has come.
 *
 * @param runId   the run
 * @param timerId the timer's ID within the run
 * @param fireAt  when it was due, epoch ms
 */
public record DueTimer(String runId, String timerId, long fireAt) {
}
