package dev.ratchet.engine.store;

/** A claim in {@link InMemoryStore}: its owner, when it expires (the store's clock) and its fence. */
final class InMemoryLease {
    String owner;
    long expiresAt;
    long fence;
}
