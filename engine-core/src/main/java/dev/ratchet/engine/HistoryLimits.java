package dev.ratchet.engine;

import dev.ratchet.api.InvalidArgumentException;

/**
 * How long a run's history may grow. Past {@code warnAfterEvents} the engine logs a warning once and
 * {@code describe} reports it; a workflow task that would take the history past {@code maxEvents} is not committed:
 * the run is parked with a message suggesting {@code Workflow.continueAsNew}, and nothing recorded is lost. Closing the
 * run is always allowed.
 *
 * @param warnAfterEvents the history length past which a warning is given (default 10,000)
 * @param maxEvents       the longest history a workflow task may leave behind (default 50,000)
 */
public record HistoryLimits(int warnAfterEvents, int maxEvents) {

    /** Validates the limits: both positive, the warning not above the hard limit. */
    public HistoryLimits {
        if (warnAfterEvents < 1) {
            throw new InvalidArgumentException("warnAfterEvents must be at least 1, was " + warnAfterEvents);
        }
        if (maxEvents < warnAfterEvents) {
            throw new InvalidArgumentException("maxEvents (" + maxEvents + ") must not be below warnAfterEvents ("
                    + warnAfterEvents + "); raise maxEvents or lower the warning");
        }
    }

    /** A warning past 10,000 events, a hard limit at 50,000. */
    public static HistoryLimits defaults() {
        return new HistoryLimits(10_000, 50_000);
    }

    /** The warning for a history of {@code length} events, or null when it is within the warning limit. */
    public String warning(long length) {
        if (length <= warnAfterEvents) {
            return null;
        }
        return "history has " + length + " events, past the warning limit of " + warnAfterEvents + " (the run is "
                + "parked at " + maxEvents + "); use Workflow.continueAsNew to continue with a fresh history";
    }
}
