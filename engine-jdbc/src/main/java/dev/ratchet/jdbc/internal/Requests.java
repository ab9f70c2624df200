package dev.ratchet.jdbc.internal;

import dev.ratchet.api.StoreException;
import dev.ratchet.engine.store.MessageRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Message requests (schema version 5): updates and queries sent by engines that do not register the run's workflow
 * type, waiting for one that does. Claimed like tasks ({@code FOR UPDATE SKIP LOCKED}, a lease on the database clock),
 * answered in place, taken (deleted) by the sender.
 *
 * <p>Design note: the table only holds requests in flight (a sender deletes its request when it takes the answer, and
 * answers nobody took are deleted after an hour), so it stays small and claims read it in primary-key order without a
 * further index; on H2 that order is what lets {@code FETCH FIRST} apply before rows are locked (see {@link Claims}).
 */
final class Requests {
    private static final long ANSWER_KEPT_MS = 3_600_000;
    private static final RowMapper<MessageRequest> REQUEST = (rs, ctx) -> new MessageRequest(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7));

    private final Transactions tx;
    private final Tables t;
    private final String now;
    private final String stamp;
    private final String purge;
    private final String answer;
    private final String readAnswer;
    private final String delete;
    private final String withdraw;

    Requests(Transactions tx, Tables t, Dialect dialect) {
        this.tx = tx;
        this.t = t;
        this.now = dialect.nowMillis();
        this.stamp = "UPDATE " + t.requests + " SET lease_owner = ?, lease_expires_at = " + now + " + ?"
                + " WHERE request_id = ?";
        this.purge = "DELETE FROM " + t.requests + " WHERE answer IS NOT NULL AND created_at < ?";
        this.answer = "UPDATE " + t.requests + " SET answer = ?, lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE request_id = ? AND answer IS NULL AND lease_owner = ?";
        this.readAnswer = "SELECT answer FROM " + t.requests + " WHERE request_id = ? AND answer IS NOT NULL";
        this.delete = "DELETE FROM " + t.requests + " WHERE request_id = ?";
        this.withdraw = "DELETE FROM " + t.requests + " WHERE request_id = ? AND answer IS NULL"
                + " AND (lease_owner IS NULL OR lease_expires_at <= " + now + ")";
    }

    void put(MessageRequest r) {
        tx.inTransaction("store message request " + r.requestId(), h -> {
            int n = h.createUpdate("INSERT INTO " + t.requests + " (request_id, run_id, workflow_type, task_queue,"
                    + " kind, payload, created_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                    + t.requests + " WHERE request_id = ?)").bind(0, r.requestId()).bind(1, r.runId())
                    .bind(2, r.workflowType()).bind(3, r.taskQueue()).bind(4, r.kind()).bind(5, r.payload())
                    .bind(6, r.createdAt()).bind(7, r.requestId()).execute();
            if (n != 1) {
                throw new StoreException("message request " + r.requestId() + " exists already");
            }
            return null;
        });
    }

    List<MessageRequest> claim(Collection<String> taskQueues, Collection<String> workflowTypes, String owner, int max,
            Duration lease, long nowMillis) {
        if (max <= 0 || taskQueues.isEmpty() || workflowTypes.isEmpty()) {
            return List.of();
        }
        List<String> queues = Sql.sortedDistinct(taskQueues);
        List<String> types = Sql.sortedDistinct(workflowTypes);
        String select = "SELECT request_id, run_id, workflow_type, task_queue, kind, payload, created_at FROM "
                + t.requests + " WHERE answer IS NULL AND task_queue IN (" + Sql.in(queues.size()) + ")"
                + " AND workflow_type IN (" + Sql.in(types.size()) + ")"
                + " AND (lease_owner IS NULL OR lease_expires_at <= " + now + ")"
                + " ORDER BY request_id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
        return tx.inTransaction("claim message requests", h -> {
            h.createUpdate(purge).bind(0, nowMillis - ANSWER_KEPT_MS).execute();
            Query q = h.createQuery(select);
            int next = Sql.bindIn(q, 0, queues);
            next = Sql.bindIn(q, next, types);
            List<MessageRequest> rows = q.bind(next, max).map(REQUEST).list();
            if (!rows.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(stamp);
                for (MessageRequest r : rows) {
                    batch.bind(0, owner).bind(1, lease.toMillis()).bind(2, r.requestId()).add();
                }
                batch.execute();
            }
            return rows;
        });
    }

    boolean answer(String requestId, String owner, String answerJson) {
        return tx.inTransaction("answer message request " + requestId, h -> h.createUpdate(answer)
                .bind(0, answerJson).bind(1, requestId).bind(2, owner).execute() == 1);
    }

    Optional<String> take(String requestId) {
        return tx.inTransaction("take the answer of message request " + requestId, h -> {
            Optional<String> a = h.createQuery(readAnswer).bind(0, requestId).mapTo(String.class).findOne();
            if (a.isPresent()) {
                h.createUpdate(delete).bind(0, requestId).execute();
            }
            return a;
        });
    }

    boolean withdraw(String requestId) {
        return tx.inTransaction("withdraw message request " + requestId, h -> h.createUpdate(withdraw)
                .bind(0, requestId).execute() == 1);
    }
}
