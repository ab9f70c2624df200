package dev.ratchet.jdbc.behaviour;

import dev.ratchet.engine.behaviour.MessageTests;
import dev.ratchet.engine.behaviour.StoreFixture;

/** Runs {@link MessageTests} on H2. */
class H2MessageTests extends MessageTests {
    @Override
    protected StoreFixture newFixture() {
        return JdbcFixture.h2();
    }
}
