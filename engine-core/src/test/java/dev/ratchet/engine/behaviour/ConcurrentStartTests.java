package dev.ratchet.engine.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.api.WorkflowHandle;
import dev.ratchet.engine.Engine;
import dev.ratchet.engine.behaviour.TestWorkflows.Order;
import dev.ratchet.engine.behaviour.TestWorkflows.OrderImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent starts of one workflow ID make one run, from threads of one engine or from two engines. */
public abstract class ConcurrentStartTests extends EngineBehaviour {

    @Test
    void concurrentStartsFromTwoThreadsMakeOneRun() throws Exception {
        Engine engine = engine(OrderImpl.class);
        assertOneRun(List.of(engine, engine, engine, engine), "concurrent-threads");
    }

    @Test
    void concurrentStartsFromTwoEnginesMakeOneRun() throws Exception {
        Engine a = engine(OrderImpl.class);
        Engine b = engine(OrderImpl.class);
        assertOneRun(List.of(a, b, a, b), "concurrent-engines");
    }

    private void assertOneRun(List<Engine> engines, String prefix) throws Exception {
        for (int round = 0; round < 5; round++) {
            TestWorkflows.CALLS.clear();
            String id = prefix + "-" + round;
            CyclicBarrier barrier = new CyclicBarrier(engines.size());
            ExecutorService pool = Executors.newFixedThreadPool(engines.size());
            List<Future<WorkflowHandle<String>>> futures = new ArrayList<>();
            for (Engine e : engines) {
                Callable<WorkflowHandle<String>> start = () -> {
                    // a start arriving after the run closed would start a second run by the default reuse policy
                    Order order = e.client().newWorkflow(Order.class, dev.ratchet.api.WorkflowOptions.of(id)
                            .withReusePolicy(dev.ratchet.api.WorkflowIdReusePolicy.REJECT_DUPLICATE));
                    barrier.await();
                    try {
                        return e.client().start(order::place, "x");
                    } catch (dev.ratchet.api.WorkflowAlreadyStartedException closedMeanwhile) {
                        return e.client().handle(id, String.class);
                    }
                };
                futures.add(pool.submit(start));
            }
            Set<String> runIds = new HashSet<>();
            for (Future<WorkflowHandle<String>> f : futures) {
                WorkflowHandle<String> h = f.get();
                runIds.add(h.runId());
                assertThat(h.result(Duration.ofSeconds(20))).isEqualTo("RESERVE-X,CHARGE-X,SHIP-X");
            }
            pool.shutdown();
            assertThat(runIds).hasSize(1);
            assertThat(TestWorkflows.CALLS).hasSize(3);
            assertThat(eventTypes(runIds.iterator().next())).hasSize(12);
        }
    }
}
