package dev.ratchet.examples.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratchet.examples.support.ExampleStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountEntityTest {
    @Test
    void signalsQueriesAndUpdatesDriveTheAccount(@TempDir Path dir) {
        assertThat(AccountEntity.run(ExampleStore.h2(dir))).containsExactly(
                "opened with 100", "+50", "refused -500", "-30", "transfer 20 to bob (receipt-bob-20)");
    }
}
