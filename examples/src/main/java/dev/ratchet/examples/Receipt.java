package dev.ratchet.examples;

/**
 * What an order workflow returns. The three times (epoch milliseconds) show when its warehouse timer was set, when it
 * was due and when it fired.
 */
public record Receipt(String orderId, String trackingNumber, long timerSetAt, long timerDueAt, long timerFiredAt) {
}
