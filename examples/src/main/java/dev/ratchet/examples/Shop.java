package dev.ratchet.examples;

import dev.ratchet.api.WorkflowClient;
import dev.ratchet.engine.Engine;
import dev.ratchet.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The demo shop: an engine on an embedded H2 file in {@code dir}. Its {@link #main} is "JVM 1" of the {@link Demo}:
 * it places the orders one second apart and runs until it is killed.
 */
public final class Shop {
    static final List<Order> ORDERS = List.of(
            new Order("order-1", "keyboard", 4_900),
            new Order("order-2", "monitor", 18_900),
            new Order("order-3", "desk lamp", 2_500));

    private Shop() {
    }

    /** Starts an engine on the shop's database in {@code dir}; {@code jvm} names this JVM in the ledger. */
    static Engine start(Path dir, String jvm) {
        return Engine.builder()
                .store(JdbcStore.h2File(dir.resolve("shop").toString()))
                .workflows(OrderWorkflowImpl.class)
                .activities(new ShopActivitiesImpl(new Ledger(dir.resolve("ledger.txt")), jvm))
                .leaseDuration(Duration.ofSeconds(2)) // a dead JVM's work is taken over 2 s after it died (default: 10)
                .start();
    }

    public static void main(String[] args) {
        try {
            Engine engine = start(Path.of(args[0]), "JVM 1"); // never closed: this JVM gets killed
            WorkflowClient client = engine.client();
            for (Order order : ORDERS) {
                OrderWorkflow workflow = client.newWorkflow(OrderWorkflow.class, order.id());
                client.start(workflow::placeOrder, order); // returns once the start is durable
                System.out.println("placed " + order.id() + " (" + order.item() + ")");
                Thread.sleep(1000);
            }
            Thread.sleep(60_000); // the demo kills this JVM long before
        } catch (Exception e) {
            e.printStackTrace();
        }
        System.exit(3); // only if something went wrong
    }
}
