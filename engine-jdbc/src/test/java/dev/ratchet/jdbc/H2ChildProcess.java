package dev.ratchet.jdbc;

import dev.ratchet.engine.store.CommitResult;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.NewRun;
import dev.ratchet.engine.store.RunCommit;
import java.util.List;

/**
 * The child JVM of {@link H2ProcessTest}. Modes:
 * <ul>
 *   <li>{@code commit <path> <runId>}: creates a run, then appends events forever, printing {@code ACK <seq>} after
 *       each commit returns (that is, after it is acknowledged);</li>
 *   <li>{@code open <path>}: opens the store and prints {@code OPENED}, or {@code ERROR <message>}.</li>
 * </ul>
 */
public final class H2ChildProcess {
    private H2ChildProcess() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "commit" -> commitForever(args[1], args[2]);
            case "open" -> open(args[1]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void commitForever(String path, String runId) {
        JdbcStore store = JdbcStore.h2File(path);
        store.open();
        commit(store, RunCommit.builder(runId).create(new NewRun("durable", "T", "q", 1)).expectedNextSeq(1)
                .event(new HistoryEvent(1, "WorkflowStarted", 1, "{}")).token(1).build());
        System.out.println("ACK 1");
        for (long seq = 2; ; seq++) {
            commit(store, RunCommit.builder(runId).expectedNextSeq(seq)
                    .event(new HistoryEvent(seq, "Signal", seq, "{\"seq\":" + seq + "}")).token(seq).build());
            System.out.println("ACK " + seq);
        }
    }

    private static void commit(JdbcStore store, RunCommit commit) {
        CommitResult result = store.commit(List.of(commit)).get(0);
        if (!result.isCommitted()) {
            throw new IllegalStateException("not committed: " + result);
        }
    }

    private static void open(String path) {
        try (JdbcStore store = JdbcStore.h2File(path)) {
            store.open();
            System.out.println("OPENED");
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
        }
    }
}
