package dev.ratchet.engine.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A run as {@link InMemoryStore} keeps it: its record, history, version markers and workflow task. */
final class InMemoryRun {
    RunRecord record;
    final List<HistoryEvent> events = new ArrayList<>();
    /** Change ID to the version the run recorded (the first one). */
    final Map<String, Integer> versions = new HashMap<>();
    InMemoryLease workflowTask; // null = none pending
    long workflowTaskAvailableAt;
    long workflowTaskFences; // fences only grow, even across deleted and recreated tasks
}
