package dev.ratchet.examples;

import static java.lang.System.Logger.Level.INFO;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.RetryPolicy;
import dev.ratchet.api.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Workflow code: plain Java that the engine may re-execute after a crash. It stays deterministic by calling
 * {@link Workflow} for time, sleeping and logging, and {@link ShopActivities} for anything that touches the world.
 */
public class OrderWorkflowImpl implements OrderWorkflow {
    /** How long the warehouse needs before an order can ship. */
    static final Duration WAREHOUSE_TIME = Duration.ofSeconds(3);

    private final System.Logger log = Workflow.logger(OrderWorkflowImpl.class);
    private final ShopActivities shop = Workflow.activities(ShopActivities.class,
            ActivityOptions.of(Duration.ofSeconds(10))
                    .withRetry(RetryPolicy.defaults().withInitialInterval(Duration.ofMillis(200))));

    @Override
    public Receipt placeOrder(Order order) {
        shop.reserve(order.id(), order.item());
        shop.charge(order.id(), order.priceCents());

        Instant setAt = Workflow.currentTime();
        Instant dueAt = setAt.plus(WAREHOUSE_TIME);
        log.log(INFO, order.id() + ": paid; sleeping until " + Clocks.time(dueAt) + " while the warehouse packs it");
        Workflow.sleep(WAREHOUSE_TIME); // a durable timer: it fires at dueAt even if this JVM dies meanwhile
        Instant firedAt = Workflow.currentTime();

        String tracking = shop.ship(order.id());
        log.log(INFO, order.id() + ": done");
        return new Receipt(order.id(), tracking, setAt.toEpochMilli(), dueAt.toEpochMilli(), firedAt.toEpochMilli());
    }
}
