package dev.ratchet.engine.internal.client;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowPage;
import dev.ratchet.engine.store.RunQuery;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.VersionCounts;
import dev.ratchet.engine.store.WorkflowStore;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The client's list and version counts, over {@link WorkflowStore#listRuns} and
 * {@link WorkflowStore#countOpenRunsByVersion}: both answered by the store from indexes, neither reads a history.
 * Thread-safe.
 */
final class RunListing {
    private final WorkflowStore store;
    private final Function<RunRecord, WorkflowDescription> describe;

    RunListing(WorkflowStore store, Function<RunRecord, WorkflowDescription> describe) {
        this.store = store;
        this.describe = describe;
    }

    WorkflowPage list(WorkflowListQuery q) {
        InvalidArgumentException.requireNonNull(q, "query");
        RunStatus status = q.status() == null ? null : RunStatus.valueOf(q.status().name());
        RunQuery query = q.pageToken() == null ? RunQuery.first(status, q.workflowType(), q.pageSize() + 1)
                : cursor(q.pageToken(), status, q.workflowType(), q.pageSize() + 1);
        query = query.createdBetween(millis(q.startedFrom(), Long.MIN_VALUE), millis(q.startedTo(), Long.MAX_VALUE));
        // one run more than the page tells whether there is a next page without a second query
        List<RunRecord> runs = store.listRuns(query);
        boolean more = runs.size() > q.pageSize();
        List<RunRecord> page = more ? runs.subList(0, q.pageSize()) : runs;
        RunRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new WorkflowPage(page.stream().map(describe).toList(),
                more ? last.createdAt() + "/" + last.runId() : null);
    }

    private static long millis(Instant bound, long open) {
        return bound == null ? open : bound.toEpochMilli();
    }

    private static RunQuery cursor(String token, RunStatus status, String type, int limit) {
        int slash = token.indexOf('/');
        try {
            if (slash <= 0 || slash == token.length() - 1) {
                throw new NumberFormatException();
            }
            return new RunQuery(status, type, Long.parseLong(token.substring(0, slash)), token.substring(slash + 1),
                    limit);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("pageToken '" + token + "' is not a page token; pass null for the "
                    + "first page or WorkflowPage.nextPageToken() of the previous page");
        }
    }

    /**
     * Counts the open (running or parked) runs of a workflow type by the version they recorded for a change; runs with
     * no marker for it count under {@link Workflow#DEFAULT_VERSION}. The store keeps the version markers of runs beside
     * them, so this reads no history.
     */
    SortedMap<Integer, Long> countOpenRunsByVersion(String workflowType, String changeId) {
        InvalidArgumentException.requireNonBlank(workflowType, "workflowType");
        InvalidArgumentException.requireNonBlank(changeId, "changeId");
        VersionCounts counts = store.countOpenRunsByVersion(workflowType, changeId);
        SortedMap<Integer, Long> out = new TreeMap<>(counts.byVersion());
        if (counts.withoutMarker() > 0) {
            out.merge(Workflow.DEFAULT_VERSION, counts.withoutMarker(), Long::sum);
        }
        return out;
    }
}
