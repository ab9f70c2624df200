package dev.ratchet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
    @Test
    @Timeout(120)
    void aKilledJvmsOrdersFinishExactlyOnceAfterARestart(@TempDir Path dir) throws Exception {
        assertThat(Demo.run(dir.resolve("demo"))).as("every check of the demo passes").isTrue();

        Ledger ledger = new Ledger(dir.resolve("demo/ledger.txt"));
        assertThat(ledger.entries()).filteredOn(Ledger.Entry::madeEffect).hasSize(3 * Shop.ORDERS.size());
        assertThat(ledger.entries()).as("the crash happened mid-workflow")
                .anyMatch(e -> e.jvm().equals("JVM 1")).anyMatch(e -> e.jvm().equals("JVM 2"));
    }
}
