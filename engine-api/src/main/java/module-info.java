/** Ratchet's public API: annotations, the {@code Workflow} facade, options, failures and client interfaces. */
module dev.ratchet.api {
    exports dev.ratchet.api;
    exports dev.ratchet.api.spi to dev.ratchet.core;
}
