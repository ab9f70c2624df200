package dev.ratchet.examples.versioning;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.QueryMethod;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.examples.support.Conditions;
import dev.ratchet.examples.support.ExampleStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versioning: a deploy changes a workflow while runs recorded by the old code are still open. A subscription renewal
 * charges, waits for the customer's confirmation, then sends a receipt. v1 charges the full price; v2 gives a loyalty
 * discount, a different activity. v2 guards the change with {@code Workflow.getVersion}, so engine 1 (v1) can stop
 * with renewals in flight (charged, waiting) and engine 2 (v2) on the same store replays them down the old branch,
 * while renewals it starts take the new one. (A change placed after the point where old runs wait would apply to them
 * too: their histories have not reached it, so they record the new version when they get there.)
 * {@code RenewalVersionsTest} also replays v1 histories against v2, as a CI step before the deploy would.
 *
 * <pre>./mvnw -q -pl examples -am test-compile exec:exec -Ddemo.main=dev.ratchet.examples.versioning.RenewalVersions [-Ddemo.args=--postgres]</pre>
 */
public final class RenewalVersions {
    private RenewalVersions() {
    }

    @ActivityInterface
    public interface Billing {
        String charge(String customer);
        String chargeDiscounted(String customer);
        String email(String customer);
    }

    @WorkflowInterface
    public interface Renewal {
        @WorkflowMethod String renew(String customer);
        @SignalMethod void confirm();
        @QueryMethod String stage();
    }

    private static Billing billing() {
        return Workflow.activities(Billing.class, ActivityOptions.of(Duration.ofSeconds(10)));
    }

    // versioning v1: begin
    public static class RenewalV1 implements Renewal {
        private final Billing billing = billing();
        private boolean confirmed;
        private String stage = "starting";

        public String renew(String customer) {
            String charged = billing.charge(customer);
            stage = "waiting for confirmation";
            Workflow.await(() -> confirmed);
            return charged + "; " + billing.email(customer);
        }

        public void confirm() { confirmed = true; }

        public String stage() { return stage; }
    }
    // versioning v1: end

    // versioning v2: begin
    public static class RenewalV2 implements Renewal {
        private final Billing billing = billing();
        private boolean confirmed;
        private String stage = "starting";

        public String renew(String customer) {
            String charged;
            if (Workflow.getVersion("loyalty-discount", Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
                charged = billing.charge(customer);              // runs recorded by v1 replay this branch
            } else {
                charged = billing.chargeDiscounted(customer);    // new runs record version 1 and take this one
            }
            stage = "waiting for confirmation";
            Workflow.await(() -> confirmed);
            return charged + "; " + billing.email(customer);
        }

        public void confirm() { confirmed = true; }

        public String stage() { return stage; }
    }
    // versioning v2: end

    /** Billing that only prints. Thread-safe. */
    public static class PrintingBilling implements Billing {
        public String charge(String customer) { return say("charged " + customer + " 10.00"); }
        public String chargeDiscounted(String customer) { return say("charged " + customer + " 9.00 (loyalty discount)"); }
        public String email(String customer) { return say("receipt e-mailed to " + customer); }

        private static String say(String what) {
            System.out.println("  [billing] " + what);
            return what;
        }
    }

    public static void main(String[] args) {
        run(ExampleStore.fromArgs(args));
    }

    /** Deploys v1, then v2 with renewals in flight; returns each renewal's result. */
    public static Map<String, String> run(ExampleStore where) {
        System.out.println("Versioning on " + where.describe("versioning"));
        System.out.println("Engine 1 runs v1 and starts renewal-alice and renewal-bob.");
        try (Engine v1 = engine(where.fresh("versioning"), RenewalV1.class)) {
            for (String id : List.of("renewal-alice", "renewal-bob")) {
                startAndAwaitConfirmation(v1, id);
            }
        }
        System.out.println("Engine 1 stopped with both renewals waiting. Engine 2 runs v2 on the same store.");
        Map<String, String> results = new LinkedHashMap<>();
        try (Engine v2 = engine(where.open("versioning"), RenewalV2.class)) {
            startAndAwaitConfirmation(v2, "renewal-carol");
            for (String id : List.of("renewal-alice", "renewal-bob", "renewal-carol")) {
                v2.client().newWorkflow(Renewal.class, id).confirm();
                results.put(id, v2.client().handle(id, String.class).result(Duration.ofSeconds(30)));
                System.out.println(id + ": " + results.get(id));
            }
        }
        return results;
    }

    private static Engine engine(dev.ratchet.engine.store.WorkflowStore store, Class<?> renewal) {
        return Engine.builder().store(store).workflows(renewal).activities(new PrintingBilling()).start();
    }

    private static void startAndAwaitConfirmation(Engine engine, String id) {
        Renewal renewal = engine.client().newWorkflow(Renewal.class, id);
        engine.client().start(renewal::renew, id.substring("renewal-".length()));
        Conditions.await(id + " waits for confirmation", Duration.ofSeconds(30),
                () -> renewal.stage().equals("waiting for confirmation"));
        System.out.println(id + ": " + renewal.stage());
    }
}
