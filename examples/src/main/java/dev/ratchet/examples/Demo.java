package dev.ratchet.examples;

import dev.ratchet.engine.Engine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Durable execution in one run: JVM 1 places three orders and is killed mid-workflow; JVM 2 (this one) starts an
 * engine on the same H2 file, and every order finishes exactly once. Exits 0 when every check passes, 1 otherwise.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec</pre>
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "ratchet-data/demo");
        System.exit(run(dir) ? 0 : 1);
    }

    /** Runs the demo in {@code dir} (emptied first) and returns whether every check passed. */
    public static boolean run(Path dir) throws Exception {
        clean(dir);
        System.out.println("Ratchet demo: an order workflow on an embedded H2 database in " + dir.toAbsolutePath());
        System.out.println("  reserve -> charge (the bank takes 1.5 s) -> sleep " + OrderWorkflowImpl.WAREHOUSE_TIME
                .toSeconds() + " s (a durable timer) -> ship\n");

        System.out.println("1. JVM 1 starts an engine and places " + Shop.ORDERS.size() + " orders, one per second.");
        Process jvm1 = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Shop.class.getName(), dir.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        boolean killedInTime = killMidWorkflow(jvm1);
        long killedAt = System.currentTimeMillis();
        if (!killedInTime) {
            System.out.println("FAILED: JVM 1 ended (exit code " + jvm1.exitValue() + ") before it could be killed");
            return false;
        }
        System.out.println("\n2. Killed JVM 1 at " + Clocks.time(killedAt) + " (destroyForcibly, like kill -9) while"
                + " order-3 was being charged and order-1 was sleeping.\n");

        System.out.println("3. JVM 2 (this JVM) starts an engine on the same database and waits for the orders.");
        List<Receipt> receipts = new ArrayList<>();
        long restartedAt;
        PrintStream console = System.out;
        System.setOut(PrefixedOutput.of(console, "  JVM 2 | "));
        try (Engine engine = Shop.start(dir, "JVM 2")) {
            restartedAt = System.currentTimeMillis();
            System.out.println("engine started at " + Clocks.time(restartedAt));
            for (Order order : Shop.ORDERS) {
                try {
                    receipts.add(engine.client().handle(order.id(), Receipt.class).result(Duration.ofSeconds(60)));
                } catch (RuntimeException e) {
                    System.out.println(order.id() + " did not complete: " + e);
                }
            }
        } finally {
            System.setOut(console);
        }

        System.out.println("\n4. What happened");
        Ledger ledger = new Ledger(dir.resolve("ledger.txt"));
        return new DemoReport(ledger.entries(), receipts, killedAt, restartedAt).print(System.out);
    }

    /** Echoes JVM 1's output; kills it once order-3 is being charged and order-1 sleeps on its timer. */
    private static boolean killMidWorkflow(Process jvm1) throws IOException, InterruptedException {
        BufferedReader output = jvm1.inputReader();
        boolean charging = false;
        boolean sleeping = false;
        String line;
        while (!(charging && sleeping) && (line = output.readLine()) != null) {
            System.out.println("  JVM 1 | " + line);
            charging |= line.startsWith("charge order-3 (attempt 1)");
            sleeping |= line.contains("order-1: paid; sleeping");
        }
        jvm1.destroyForcibly().waitFor();
        return charging && sleeping;
    }

    /** Deletes the files of an earlier run; refuses a directory that holds anything else. */
    private static void clean(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.toList();
        }
        for (Path f : files) {
            if (!f.getFileName().toString().matches("ledger\\.txt|shop\\..*")) {
                throw new IllegalArgumentException(dir + " holds files the demo did not write (" + f.getFileName()
                        + "); give it an empty directory");
            }
        }
        for (Path f : files) {
            Files.delete(f);
        }
    }
}
