package dev.ratchet.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The demo's summary: what ran where, according to the ledger and the receipts, and the checks that must hold. */
final class DemoReport {
    private static final List<String> STEPS = List.of("reserve", "charge", "ship"); // in workflow order
    private static final long TIMER_SLACK_MS = 2_000;

    private final List<Ledger.Entry> ledger;
    private final List<Receipt> receipts;
    private final long killedAt;
    private final long restartedAt;
    private boolean passed = true;

    DemoReport(List<Ledger.Entry> ledger, List<Receipt> receipts, long killedAt, long restartedAt) {
        this.ledger = ledger;
        this.receipts = receipts;
        this.killedAt = killedAt;
        this.restartedAt = restartedAt;
    }

    /** Prints the summary and the checks; returns whether all passed. */
    boolean print(PrintStream out) {
        out.printf("  %-9s %-15s %-15s %-15s %s%n", "order", "reserve", "charge", "ship",
                "timer set / due / fired");
        for (Receipt r : receipts) {
            out.printf("  %-9s %-15s %-15s %-15s %s / %s / %s%n", r.orderId(), ranIn("reserve", r.orderId()),
                    ranIn("charge", r.orderId()), ranIn("ship", r.orderId()), Clocks.time(r.timerSetAt()),
                    Clocks.time(r.timerDueAt()), Clocks.time(r.timerFiredAt()));
        }
        out.println("  (JVM 1 > JVM 2: the attempt in JVM 1 was cut off by the crash and retried in JVM 2)\n");

        check(out, receipts.size() == Shop.ORDERS.size(), "all " + Shop.ORDERS.size() + " orders completed");
        check(out, STEPS.stream().allMatch(step -> Shop.ORDERS.stream().allMatch(o -> effects(step, o.id()) == 1)),
                "each order was reserved, charged and shipped exactly once: " + STEPS.stream()
                        .map(s -> s + " " + ledger.stream().filter(e -> e.activity().equals(s) && e.madeEffect())
                                .count()).collect(Collectors.joining(", ")));
        List<String> finished = finishedBeforeCrash();
        check(out, finished.stream().noneMatch(a -> ranIn(a).contains("JVM 2")),
                "the " + finished.size() + " activities that had finished in JVM 1 did not run again");
        List<String> retried = ledger.stream().filter(e -> e.jvm().equals("JVM 2") && ranIn(e.activity() + " "
                + e.orderId()).contains("JVM 1")).map(e -> e.activity() + " " + e.orderId()).distinct().toList();
        check(out, !retried.isEmpty(), "the activities cut off by the crash were retried in JVM 2 "
                + "without repeating their effect (idempotency key): " + String.join(", ", retried));
        List<Receipt> timersBeforeCrash = receipts.stream().filter(r -> r.timerSetAt() < killedAt).toList();
        check(out, timersBeforeCrash.stream().allMatch(r -> r.timerFiredAt() >= r.timerDueAt()
                && r.timerFiredAt() <= Math.max(r.timerDueAt(), restartedAt) + TIMER_SLACK_MS),
                "the timers set in JVM 1 fired at their original due time, not " + OrderWorkflowImpl.WAREHOUSE_TIME
                        .toSeconds() + " s after the restart: " + timersBeforeCrash.stream().map(Receipt::orderId)
                        .collect(Collectors.joining(", ")));
        out.println(passed ? "\nDemo passed: the crash lost no step and repeated no effect."
                : "\nDemo FAILED: see the checks above.");
        return passed;
    }

    /** Where each attempt of an activity ran, e.g. "JVM 1 > JVM 2". */
    private String ranIn(String activity, String orderId) {
        return ranIn(activity + " " + orderId);
    }

    private String ranIn(String activityAndOrder) {
        return ledger.stream().filter(e -> (e.activity() + " " + e.orderId()).equals(activityAndOrder))
                .map(Ledger.Entry::jvm).collect(Collectors.joining(" > "));
    }

    private long effects(String activity, String orderId) {
        return ledger.stream().filter(e -> e.activity().equals(activity) && e.orderId().equals(orderId)
                && e.madeEffect()).count();
    }

    /**
     * Activities whose completion JVM 1 certainly recorded: the workflow went on to a later step in JVM 1, which it
     * only does after the completion is durable, or the order's timer was set in JVM 1. (The last step JVM 1 ran for
     * an order may or may not have been recorded.)
     */
    private List<String> finishedBeforeCrash() {
        Stream<String> followed = ledger.stream().filter(e -> e.jvm().equals("JVM 1")).filter(e -> ledger.stream()
                .anyMatch(later -> later.jvm().equals("JVM 1") && later.orderId().equals(e.orderId())
                        && STEPS.indexOf(later.activity()) > STEPS.indexOf(e.activity())))
                .map(e -> e.activity() + " " + e.orderId());
        Stream<String> sleeping = receipts.stream().filter(r -> r.timerSetAt() < killedAt)
                .map(r -> "charge " + r.orderId()); // the timer is set after the charge completed
        return Stream.concat(followed, sleeping).distinct().toList();
    }

    private void check(PrintStream out, boolean ok, String claim) {
        out.println("  [" + (ok ? " OK " : "FAIL") + "] " + claim);
        passed &= ok;
    }
}
