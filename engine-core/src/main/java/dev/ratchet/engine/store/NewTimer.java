package dev.ratchet.engine.store;

/**
 * A durable timer to insert with a {@link RunCommit}.
 *
 * @param runId   the run that started it
 * @param timerId its ID within the run (unique per run)
 * @param fireAt  when it fires, epoch ms (engine clock)
 */
public record NewTimer(String runId, String timerId, long fireAt) {
}
