package dev.ratchet.engine.internal.runtime;

import dev.ratchet.engine.internal.codec.Payloads;
import dev.ratchet.engine.internal.history.Events;
import java.time.Duration;

/**
 * What every cached run shares: codecs and the engine's runtime options.
 *
 * @param payloads            JSON codec for payloads
 * @param events              event attribute builder
 * @param deadlockTimeout     how long a workflow thread may run without yielding
 * @param failOnUnexpectedError whether a non-Ratchet exception from workflow code fails the workflow (true) or parks
 *                            the run (false, the default)
 */
public record RuntimeConfig(Payloads payloads, Events events, Duration deadlockTimeout,
        boolean failOnUnexpectedError) {
}
