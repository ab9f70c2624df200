/** For users' tests: a time-skipping test environment, a JUnit 5 extension and a history replayer. */
module dev.ratchet.testing {
    requires transitive dev.ratchet.core;
    requires transitive org.junit.jupiter.api;
    requires dev.ratchet.jdbc;
    requires com.fasterxml.jackson.databind;

    exports dev.ratchet.testing;
}
