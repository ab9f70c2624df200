package dev.ratchet.examples;

import dev.ratchet.api.ActivityInterface;
import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.Engine;
import dev.ratchet.jdbc.JdbcStore;
import java.time.Duration;

/** The README's quick start. Run it twice: the second run finds the finished workflow and prints its result. */
public class QuickStart {
    // quick start: begin
    @ActivityInterface
    public interface Greeter { String greet(String name); }

    public static class GreeterImpl implements Greeter {    // activities do the I/O: they run at least once
        public String greet(String name) { return "Hello, " + name + "!"; }
    }

    @WorkflowInterface
    public interface Hello { @WorkflowMethod String hello(String name); }

    public static class HelloImpl implements Hello {        // workflows decide: deterministic, replayed after a crash
        private final Greeter greeter = Workflow.activities(Greeter.class, ActivityOptions.of(Duration.ofSeconds(10)));

        public String hello(String name) {
            Workflow.sleep(Duration.ofSeconds(1));          // a durable timer: it survives restarts
            return greeter.greet(name);                     // recorded once; not run again after a crash
        }
    }

    public static void main(String[] args) {
        try (Engine engine = Engine.builder().store(JdbcStore.h2File("./ratchet-data/quickstart"))
                .workflows(HelloImpl.class).activities(new GreeterImpl()).start()) {
            Hello hello = engine.client().newWorkflow(Hello.class, "hello-world");   // the business ID
            System.out.println(hello.hello("World"));       // starts it (or finds it) and waits for its result
        }
    }
    // quick start: end
}
