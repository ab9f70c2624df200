package dev.ratchet.engine.internal.worker;

import dev.ratchet.engine.internal.definition.ActivityDefinition;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.internal.runtime.RuntimeConfig;
import dev.ratchet.engine.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * What the engine's workers share: the store, the clock, the registered types and the engine's identity.
 *
 * @param store           the store
 * @param clock           the engine clock (workflow time, timers, retry times)
 * @param config          runtime configuration for cached runs
 * @param owner           this engine's lease owner name (unique per engine start)
 * @param lease           lease length for claims; renewed while the engine lives
 * @param pollInterval    longest idle wait between polls of the store
 * @param workflows       registered workflow types by name
 * @param activities      registered activity types by name
 * @param taskQueues      the task queues whose workflows this engine runs
 * @param activityQueues  the task queues whose activities this engine runs
 */
public record WorkerContext(WorkflowStore store, Clock clock, RuntimeConfig config, String owner, Duration lease,
        Duration pollInterval, Map<String, WorkflowDefinition> workflows, Map<String, ActivityDefinition> activities,
        Set<String> taskQueues, Set<String> activityQueues) {

    /** Whether this engine runs workflow code of this type on this queue. */
    public boolean runsWorkflow(String type, String queue) {
        return taskQueues.contains(queue) && workflows.containsKey(type);
    }

    /** Whether this engine runs activities of this queue. */
    public boolean runsActivities(String queue) {
        return activityQueues.contains(queue) && !activities.isEmpty();
    }
}
