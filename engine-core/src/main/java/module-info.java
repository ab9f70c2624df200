/** The Ratchet engine: the {@code Engine} front door and the store SPI. Everything else is internal. */
module dev.ratchet.core {
    requires transitive dev.ratchet.api;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.ratchet.engine;
    exports dev.ratchet.engine.store;

    opens dev.ratchet.engine.internal.history to com.fasterxml.jackson.databind;

    uses dev.ratchet.engine.store.StoreProvider;
}
