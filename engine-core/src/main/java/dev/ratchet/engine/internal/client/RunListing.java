package dev.ratchet.engine.internal.client;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowDescription;
import dev.ratchet.api.WorkflowListQuery;
import dev.ratchet.api.WorkflowPage;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunQuery;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.engine.store.WorkflowStore;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** The client's list and version counts, over {@link WorkflowStore#listRuns}. Thread-safe. */
final class RunListing {
    private static final int SCAN_PAGE = 500;

    private final WorkflowStore store;
    private final Events events;
    private final Function<RunRecord, WorkflowDescription> describe;

    RunListing(WorkflowStore store, Events events, Function<RunRecord, WorkflowDescription> describe) {
        this.store = store;
        this.events = events;
        this.describe = describe;
    }

    WorkflowPage list(WorkflowListQuery q) {
        InvalidArgumentException.requireNonNull(q, "query");
        RunStatus status = q.status() == null ? null : RunStatus.valueOf(q.status().name());
        RunQuery query = q.pageToken() == null ? RunQuery.first(status, q.workflowType(), q.pageSize() + 1)
                : cursor(q.pageToken(), status, q.workflowType(), q.pageSize() + 1);
        // one run more than the page tells whether there is a next page without a second query
        List<RunRecord> runs = store.listRuns(query);
        boolean more = runs.size() > q.pageSize();
        List<RunRecord> page = more ? runs.subList(0, q.pageSize()) : runs;
        RunRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new WorkflowPage(page.stream().map(describe).toList(),
                more ? last.createdAt() + "/" + last.runId() : null);
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
     * Counts the open (running or parked) runs of a workflow type by the version their history recorded for a change;
     * runs with no marker for it count under {@link Workflow#DEFAULT_VERSION}. Design note: it reads the histories of
     * the open runs of the type (no marker index yet), so it costs one history read per open run.
     */
    SortedMap<Integer, Long> countOpenRunsByVersion(String workflowType, String changeId) {
        InvalidArgumentException.requireNonBlank(workflowType, "workflowType");
        InvalidArgumentException.requireNonBlank(changeId, "changeId");
        SortedMap<Integer, Long> counts = new TreeMap<>();
        for (RunStatus open : List.of(RunStatus.RUNNING, RunStatus.PARKED)) {
            RunQuery q = RunQuery.first(open, workflowType, SCAN_PAGE);
            while (true) {
                List<RunRecord> page = store.listRuns(q);
                for (RunRecord r : page) {
                    counts.merge(versionOf(r.runId(), changeId), 1L, Long::sum);
                }
                if (page.size() < SCAN_PAGE) {
                    break;
                }
                RunRecord last = page.get(page.size() - 1);
                q = new RunQuery(open, workflowType, last.createdAt(), last.runId(), SCAN_PAGE);
            }
        }
        return counts;
    }

    private int versionOf(String runId, String changeId) {
        for (HistoryEvent raw : store.loadHistory(runId, 1)) {
            if (!raw.type().equals(EventType.MarkerRecorded.name())) {
                continue;
            }
            Events.Event e = events.parse(raw);
            if ("Version".equals(e.text("marker")) && changeId.equals(e.text("id"))) {
                return e.attrs().path("version").asInt();
            }
        }
        return Workflow.DEFAULT_VERSION;
    }
}
