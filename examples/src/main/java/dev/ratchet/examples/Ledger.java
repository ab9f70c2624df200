package dev.ratchet.examples;

import dev.ratchet.api.Activity;
import dev.ratchet.api.ActivityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Stands in for the systems the shop's activities change (stock, payments, shipping): an append-only file that
 * outlives every JVM. Each line is one activity attempt. An attempt makes its effect only if no earlier attempt with
 * the same idempotency key made it: that is how an activity that runs at least once has its effect exactly once.
 * (A real payment API takes the key as a request header and does the same check.)
 */
public final class Ledger {
    /** One activity attempt: where it ran, and whether it made the effect (false: an earlier attempt had). */
    public record Entry(String jvm, String activity, String orderId, int attempt, String idempotencyKey,
            boolean madeEffect) {
    }

    private final Path file;

    public Ledger(Path file) {
        this.file = file;
    }

    /** Records the running activity attempt; returns whether it makes the effect (false: already made). */
    public synchronized boolean apply(String jvm, String activity, String orderId) {
        ActivityContext ctx = Activity.context();
        boolean first = entries().stream()
                .noneMatch(e -> e.madeEffect() && e.idempotencyKey().equals(ctx.idempotencyKey()));
        String line = String.join("\t", jvm, activity, orderId, String.valueOf(ctx.attempt()), ctx.idempotencyKey(),
                String.valueOf(first)) + "\n";
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return first;
    }

    /** Every attempt recorded so far, oldest first. */
    public synchronized List<Entry> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(l -> l.split("\t")).map(f -> new Entry(f[0], f[1], f[2],
                    Integer.parseInt(f[3]), f[4], Boolean.parseBoolean(f[5]))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
