/** The JDBC workflow store: embedded H2 (the default store) and PostgreSQL, on Jdbi. */
module dev.ratchet.jdbc {
    requires transitive dev.ratchet.core;
    requires transitive java.sql;
    requires java.naming;
    requires org.jdbi.v3.core;
    requires com.fasterxml.jackson.databind; // schema version 5 reads version markers out of histories
    requires com.h2database;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports dev.ratchet.jdbc;

    provides dev.ratchet.engine.store.StoreProvider with dev.ratchet.jdbc.internal.H2StoreProvider;
}
