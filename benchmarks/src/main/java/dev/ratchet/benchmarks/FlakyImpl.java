package dev.ratchet.benchmarks;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ApplicationFailure;
import java.util.concurrent.atomic.LongAdder;

/** Fails by attempt number, so the outcome does not depend on timing. Thread-safe. */
public final class FlakyImpl implements Flaky {
    final LongAdder attempts = new LongAdder();

    @Override
    public String succeedOnThirdAttempt(String key) {
        attempts.increment();
        int attempt = Activity.context().attempt();
        if (attempt < 3) {
            throw ApplicationFailure.of("Flaky", "attempt " + attempt + " of " + key + " fails on purpose");
        }
        return "ok-after-" + attempt;
    }
}
