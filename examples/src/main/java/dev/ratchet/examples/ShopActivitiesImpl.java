package dev.ratchet.examples;

import dev.ratchet.api.Activity;

/**
 * Activity code: ordinary Java that may do I/O. An attempt may be cut off by a crash and run again, so every effect
 * goes through the {@link Ledger} under the attempt's idempotency key.
 */
public class ShopActivitiesImpl implements ShopActivities {
    private final Ledger ledger;
    private final String jvm;

    /** {@code jvm} names this JVM in the ledger ("JVM 1", "JVM 2"). */
    public ShopActivitiesImpl(Ledger ledger, String jvm) {
        this.ledger = ledger;
        this.jvm = jvm;
    }

    @Override
    public void reserve(String orderId, String item) {
        boolean now = ledger.apply(jvm, "reserve", orderId);
        say("reserve", orderId, now ? "reserved one " + item : alreadyDone("reserved"));
    }

    @Override
    public void charge(String orderId, long priceCents) {
        boolean now = ledger.apply(jvm, "charge", orderId);
        String price = String.format("$%d.%02d", priceCents / 100, priceCents % 100);
        say("charge", orderId, (now ? "charged " + price : alreadyDone("charged")) + "; waiting for the bank...");
        sleep(1500); // the bank is slow: the demo kills JVM 1 during this wait
        say("charge", orderId, "the bank confirmed");
    }

    @Override
    public String ship(String orderId) {
        boolean now = ledger.apply(jvm, "ship", orderId);
        say("ship", orderId, now ? "handed to the courier" : alreadyDone("shipped"));
        return "TRACK-" + orderId.toUpperCase();
    }

    private static String alreadyDone(String what) {
        return "already " + what + " (idempotency key " + Activity.context().idempotencyKey() + ")";
    }

    private static void say(String activity, String orderId, String text) {
        System.out.println(activity + " " + orderId + " (attempt " + Activity.context().attempt() + "): " + text);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
