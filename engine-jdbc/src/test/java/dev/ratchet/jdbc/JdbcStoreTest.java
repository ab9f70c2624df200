package dev.ratchet.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.RunCommit;
import dev.ratchet.engine.store.RunCommit.WorkflowTaskChange;
import dev.ratchet.engine.store.StoreProvider;
import dev.ratchet.engine.store.WorkflowStore;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door: factories, options, and the one-store-per-H2-file rule within a JVM. */
class JdbcStoreTest {
    @TempDir
    Path dir;

    @Test
    void identifiersOutsideTheSafeSetAreRejectedWithWhatIsAllowed() {
        for (String bad : new String[] {"Ratchet_", "1abc", "a-b", "a b", "x\"; drop", "", "a".repeat(42)}) {
            assertThatThrownBy(() -> JdbcStore.builder().tablePrefix(bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tablePrefix")
                    .hasMessageContaining("a-z, 0-9 and '_'");
            assertThatThrownBy(() -> JdbcStore.builder().schema(bad)).as(bad)
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("schema");
        }
        assertThatThrownBy(() -> JdbcStore.builder().schema(null)).isInstanceOf(InvalidArgumentException.class);
        JdbcStore.builder().tablePrefix("_ok_9").schema("a".repeat(41));
    }

    @Test
    void otherBadArgumentsAreRejected() {
        assertThatThrownBy(() -> JdbcStore.h2InMemory("a;DB_CLOSE_DELAY=-1"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> JdbcStore.h2File(dir.resolve("x;AUTO_SERVER=TRUE").toString()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("';'");
        assertThatThrownBy(() -> JdbcStore.h2File(" ")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> JdbcStore.postgres(null)).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> JdbcStore.builder().maxPoolSize(0)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void anH2FileTakesOneStorePerJvmAndKeepsItsDataAcrossReopening() {
        Path db = dir.resolve("orders");
        String runId;
        try (JdbcStore first = TestDatabases.h2File(db)) {
            runId = start(first, "order-1");
            JdbcStore second = JdbcStore.h2File(db + ".mv.db");
            assertThatThrownBy(second::open).isInstanceOf(StoreException.class)
                    .hasMessageContaining("already open by another JdbcStore in this JVM");
            second.close();
        }
        try (JdbcStore reopened = TestDatabases.h2File(db)) {
            assertThat(reopened.findByWorkflowId("order-1").orElseThrow().runId()).isEqualTo(runId);
            assertThat(reopened.loadHistory(runId, 1)).hasSize(1);
        }
    }

    @Test
    void aClosedStoreIsUnusable() {
        JdbcStore store = TestDatabases.h2InMemory();
        store.close();
        store.close();
        assertThatThrownBy(store::open).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.findRun("r")).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void theDefaultStoreIsAnH2FileUnderRatchetData() {
        List<StoreProvider> providers = ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertThat(providers).hasSize(1);
        WorkflowStore store = providers.get(0).defaultStore();
        assertThat(store).isInstanceOf(JdbcStore.class);
        assertThat(store.toString()).contains("ratchet-data").endsWith("ratchet.mv.db]");
        store.close();
    }

    private static String start(JdbcStore store, String workflowId) {
        String runId = workflowId + "-run";
        RunCommit create = RunCommit.builder(runId).create(new NewRun(workflowId, "T", "q", 1)).expectedNextSeq(1)
                .workflowTask(WorkflowTaskChange.SCHEDULE).event(new HistoryEvent(1, "WorkflowStarted", 1, "{}"))
                .token(7).build();
        assertThat(store.commit(List.of(create)).get(0).isCommitted()).isTrue();
        return runId;
    }
}
