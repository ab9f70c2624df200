package dev.ratchet.examples;

/** An order of the demo shop: workflow input, stored as JSON. */
public record Order(String id, String item, long priceCents) {
}
