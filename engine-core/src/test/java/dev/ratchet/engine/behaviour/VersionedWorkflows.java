package dev.ratchet.engine.behaviour;

import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import java.time.Duration;

/**
 * Deployments of one workflow type; the variants of the change call different activity types, so running a history
 * down the wrong branch is a non-determinism error. V1 predates the change "second-step"; v2 adds it (versions DEFAULT..1); v3
 * adds a second variant (DEFAULT..2); v3-min drops the code for histories recorded before the change (1..2); the final
 * version dropped the getVersion call and keeps only the variant of version 1.
 */
public final class VersionedWorkflows {
    private VersionedWorkflows() {
    }

    static final String CHANGE = "second-step";

    @WorkflowInterface(name = "Versioned")
    public interface Versioned {
        @WorkflowMethod
        String run(long pauseMillis);
    }

    private static Steps steps() {
        return Workflow.activities(Steps.class, TestWorkflows.FAST);
    }

    public static final class V1 implements Versioned {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            String a = steps.step("one");
            steps.blocking("mid");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            return a + "|" + steps.step("two");
        }
    }

    public static final class V2 implements Versioned {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            if (Workflow.isReplaying()) {
                ToolkitWorkflows.REPLAYS.incrementAndGet();
            }
            String a = steps.step("one");
            // between two commands of one task: on an older history it must not shift the blocking activity
            int v = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1);
            steps.blocking("mid");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            String b = v == Workflow.DEFAULT_VERSION ? steps.step("two") : steps.flaky("two-v1");
            int again = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 1);
            return a + "|" + b + "|v" + v + (again == v ? "" : "|changed to " + again);
        }
    }

    public static final class V3 implements Versioned {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            String a = steps.step("one");
            int v = Workflow.getVersion(CHANGE, Workflow.DEFAULT_VERSION, 2);
            steps.blocking("mid");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            String b = switch (v) {
                case Workflow.DEFAULT_VERSION -> steps.step("two");
                case 1 -> steps.flaky("two-v1");
                default -> steps.blocking("two-v2");
            };
            return a + "|" + b + "|v" + v;
        }
    }

    public static final class V3Min implements Versioned {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            String a = steps.step("one");
            int v = Workflow.getVersion(CHANGE, 1, 2);
            steps.blocking("mid");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            return a + "|" + (v == 1 ? steps.flaky("two-v1") : steps.blocking("two-v2")) + "|v" + v;
        }
    }

    /** Once no run of version DEFAULT or 2 is left, the call is removed; its recorded markers are skipped. */
    public static final class Final implements Versioned {
        private final Steps steps = steps();

        @Override
        public String run(long pauseMillis) {
            String a = steps.step("one");
            steps.blocking("mid");
            Workflow.sleep(Duration.ofMillis(pauseMillis));
            return a + "|" + steps.flaky("two-v1") + "|v1";
        }
    }
}
