package dev.ratchet.engine.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ratchet.engine.internal.history.Events;
import java.util.List;

/**
 * What a run passes on to the run that continues it ({@code Workflow.continueAsNew}): the workflow timeouts of the
 * chain and, for a child workflow, its parent. A continued child stays its parent's child: the parent is told of the
 * close of the last run of the chain, and the parent-close policy reaches whichever run is the latest. Confined like
 * the run's other state.
 */
final class RunChain {
    /** The WorkflowStarted attributes that link a child to its parent, copied into every run of its chain. */
    static final List<String> PARENT_FIELDS = List.of("parentWorkflowId", "parentRunId", "parentCommandId");

    private long executionDeadline;
    private long runTimeoutMillis;
    private ObjectNode parent;

    /** Reads what the run's WorkflowStarted event says about its parent. */
    void started(Events.Event e) {
        JsonNode attrs = e.attrs();
        if (attrs.hasNonNull("parentRunId") && attrs instanceof ObjectNode o) {
            parent = o.objectNode();
            for (String field : PARENT_FIELDS) {
                if (attrs.hasNonNull(field)) {
                    parent.set(field, attrs.get(field));
                }
            }
        }
    }

    void timeouts(long executionDeadline, long runTimeoutMillis) {
        this.executionDeadline = executionDeadline;
        this.runTimeoutMillis = runTimeoutMillis;
    }

    long executionDeadline() {
        return executionDeadline;
    }

    long runTimeoutMillis() {
        return runTimeoutMillis;
    }

    /** {@code started} (WorkflowStarted attributes of the next run) with what the next run inherits from this one. */
    String inherit(String started, Events events) {
        if (parent == null) {
            return started;
        }
        try {
            ObjectNode n = (ObjectNode) events.mapper().readTree(started);
            n.setAll(parent);
            return n.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable WorkflowStarted attributes: " + started, e);
        }
    }
}
