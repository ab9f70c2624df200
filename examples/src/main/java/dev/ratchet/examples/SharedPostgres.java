package dev.ratchet.examples;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.Conditions;
import dev.ratchet.examples.support.ExampleStore;
import dev.ratchet.jdbc.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Several engines on one PostgreSQL database: every JVM of an application runs the same code, {@link #start}, and the
 * engines share the work through the database alone. Here two engines in one JVM stand in for two JVMs (they share
 * nothing else): engine A places the shop's orders and stops while they are in flight; engine B, on the same
 * database, finishes them. Needs PostgreSQL ({@code --postgres=jdbcUrl}, default {@value ExampleStore#DEFAULT_POSTGRES_URL}).
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.SharedPostgres [-Ddemo.args=--postgres=jdbc:postgresql://...]</pre>
 */
public final class SharedPostgres {
    private SharedPostgres() {
    }

    // postgres: begin
    static Engine start(String jdbcUrl, String schema, ShopActivities activities) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();   // or a pool: HikariCP, ...
        dataSource.setURL(jdbcUrl);
        dataSource.setSocketTimeout(60);                            // seconds: a lost connection fails, never hangs
        return Engine.builder()
                .store(JdbcStore.builder().schema(schema).postgres(dataSource))   // or JdbcStore.postgres(dataSource)
                .workflows(OrderWorkflowImpl.class)
                .activities(activities)
                .start();
    }
    // postgres: end

    /**
     * What {@link #run} saw.
     *
     * @param receipts the orders' results, by order ID
     * @param ledger   every activity attempt, with the engine that ran it
     */
    public record Outcome(Map<String, Receipt> receipts, List<Ledger.Entry> ledger) {
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args));
    }

    /** Runs the shop's orders on two engines sharing a PostgreSQL schema ({@code <prefix>shared}, emptied first). */
    public static Outcome run(ExampleStore where) {
        ExampleStore pg = where.postgresUrl() != null ? where
                : new ExampleStore(where.h2Dir(), ExampleStore.DEFAULT_POSTGRES_URL, where.schemaPrefix());
        pg.reset("shared");
        Ledger ledger = new Ledger(emptied(pg.h2Dir().resolve("shared-ledger.txt")));
        String schema = pg.schemaPrefix() + "shared";
        System.out.println("Two engines on " + pg.describe("shared"));
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        try (Engine b = start(pg.postgresUrl(), schema, new ShopActivitiesImpl(ledger, "engine B"))) {
            try (Engine a = start(pg.postgresUrl(), schema, new ShopActivitiesImpl(ledger, "engine A"))) {
                WorkflowClient client = a.client();
                for (Order order : Shop.ORDERS) {
                    client.start(client.newWorkflow(OrderWorkflow.class, order.id())::placeOrder, order);
                }
                Conditions.await("every order is being charged", Duration.ofSeconds(30), () -> ledger.entries()
                        .stream().filter(e -> e.activity().equals("charge")).count() >= Shop.ORDERS.size());
                System.out.println("stopping engine A while the orders are in flight");
            }
            for (Order order : Shop.ORDERS) {
                receipts.put(order.id(), b.client().handle(order.id(), Receipt.class).result(Duration.ofSeconds(60)));
            }
        }
        for (Ledger.Entry e : ledger.entries()) {
            System.out.println("  " + e.orderId() + " " + e.activity() + " ran on " + e.jvm()
                    + (e.madeEffect() ? "" : " (already done: no effect)"));
        }
        return new Outcome(receipts, ledger.entries());
    }

    private static Path emptied(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + file, e);
        }
    }
}
