package dev.ratchet.examples;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats times for the demo's output. */
final class Clocks {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Clocks() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String time(long epochMillis) {
        return time(Instant.ofEpochMilli(epochMillis));
    }
}
