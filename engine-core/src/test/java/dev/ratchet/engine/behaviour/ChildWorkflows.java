package dev.ratchet.engine.behaviour;

import dev.ratchet.api.ApplicationFailure;
import dev.ratchet.api.Async;
import dev.ratchet.api.CancellationScope;
import dev.ratchet.api.CanceledFailure;
import dev.ratchet.api.ChildWorkflowFailure;
import dev.ratchet.api.ChildWorkflowOptions;
import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.ParentClosePolicy;
import dev.ratchet.api.Promise;
import dev.ratchet.api.SignalMethod;
import dev.ratchet.api.Workflow;
import dev.ratchet.api.WorkflowInterface;
import dev.ratchet.api.WorkflowMethod;
import dev.ratchet.engine.behaviour.TestWorkflows.Steps;
import java.util.ArrayList;
import java.util.List;

/** Workflows for the child-workflow and external-request tests. */
public final class ChildWorkflows {
    private ChildWorkflows() {
    }

    /** A parent whose behaviour is chosen by {@code mode} ("sync", "async", "fail", "policy:TERMINATE", ...). */
    @WorkflowInterface
    public interface Parent {
        @WorkflowMethod
        String run(String mode);
    }

    /** A child: "fail..." fails, "block..." calls the gated activity, "wait..." waits for good; else one step. */
    @WorkflowInterface
    public interface Child {
        @WorkflowMethod
        String greet(String name);
    }

    /** Waits for a signal; returns it, or "canceled" when canceled. */
    @WorkflowInterface
    public interface Receiver {
        @WorkflowMethod
        String run();

        @SignalMethod
        void hello(String text);
    }

    /** A child that continues as new until {@code n == upTo}; when gated, its last run waits for {@link #go()}. */
    @WorkflowInterface
    public interface Counter {
        @WorkflowMethod
        String count(int n, int upTo, boolean gated);

        @SignalMethod
        void go();
    }

    public static final class CounterImpl implements Counter {
        private boolean go;

        @Override
        public String count(int n, int upTo, boolean gated) {
            if (n < upTo) {
                Workflow.continueAsNew(n + 1, upTo, gated);
            }
            if (gated) {
                Workflow.await(() -> go);
            }
            return "counted " + n;
        }

        @Override
        public void go() {
            go = true;
        }
    }

    public static final class ChildImpl implements Child {
        private final Steps steps = Workflow.activities(Steps.class, TestWorkflows.FAST);

        @Override
        public String greet(String name) {
            if (name.startsWith("fail")) {
                throw ApplicationFailure.nonRetryable("Boom", "child " + name + " failed");
            }
            if (name.startsWith("block")) {
                return steps.blocking(name);
            }
            if (name.startsWith("wait")) {
                Workflow.await(() -> false);
            }
            return steps.step(name);
        }
    }

    public static final class ReceiverImpl implements Receiver {
        private String received;

        @Override
        public String run() {
            try {
                Workflow.await(() -> received != null);
                return received;
            } catch (CanceledFailure e) {
                return "canceled";
            }
        }

        @Override
        public void hello(String text) {
            received = text;
        }
    }

    public static final class ParentImpl implements Parent {
        @Override
        public String run(String mode) {
            String[] m = mode.split(":", 2);
            switch (m[0]) {
                case "sync" -> {
                    return Workflow.newChildWorkflowStub(Child.class).greet("a");
                }
                case "block" -> {
                    return Workflow.newChildWorkflowStub(Child.class).greet("block-x");
                }
                case "async" -> {
                    List<Promise<String>> results = new ArrayList<>();
                    List<Promise<String>> started = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Child c = Workflow.newChildWorkflowStub(Child.class);
                        results.add(Async.function(c::greet, "c" + i));
                        started.add(Workflow.childStarted(c));
                    }
                    Promise.allOf(results).get();
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < 3; i++) {
                        b.append(results.get(i).get()).append(started.get(i).get() != null ? "+" : "-");
                    }
                    return b.toString();
                }
                case "wide" -> {
                    // n children at once, each blocked in the gated activity: their starts arrive together
                    int n = Integer.parseInt(m[1]);
                    List<Promise<String>> results = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        results.add(Async.function(Workflow.newChildWorkflowStub(Child.class)::greet, "block-w" + i));
                    }
                    Promise.allOf(results).get();
                    return results.size() + " children";
                }
                case "fail" -> {
                    try {
                        return Workflow.newChildWorkflowStub(Child.class).greet("fail-1");
                    } catch (ChildWorkflowFailure f) {
                        return "caught " + f.workflowId() + " " + f.workflowType() + " "
                                + ((ApplicationFailure) f.getCause()).type() + " " + (f.runId() != null);
                    }
                }
                case "chain" -> {
                    String[] a = m[1].split(":");
                    Counter c = Workflow.newChildWorkflowStub(Counter.class, ChildWorkflowOptions.defaults()
                            .withWorkflowId(Workflow.info().workflowId() + "-counter"));
                    try {
                        return c.count(1, Integer.parseInt(a[0]), Boolean.parseBoolean(a[1]));
                    } catch (ChildWorkflowFailure f) {
                        return "child failed: " + f.getCause().getMessage();
                    }
                }
                case "policy" -> {
                    ParentClosePolicy policy = ParentClosePolicy.valueOf(m[1]);
                    Child c = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.defaults()
                            .withWorkflowId(Workflow.info().workflowId() + "-child").withParentClosePolicy(policy));
                    Async.function(c::greet, "wait");
                    return Workflow.childStarted(c).get();
                }
                case "hold" -> {
                    Child c = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.defaults()
                            .withWorkflowId(Workflow.info().workflowId() + "-child")
                            .withParentClosePolicy(ParentClosePolicy.valueOf(m[1])));
                    Async.function(c::greet, "wait");
                    Workflow.childStarted(c).get();
                    Workflow.await(() -> false);
                    return "unreachable";
                }
                case "scope" -> {
                    Child c = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.defaults()
                            .withWorkflowId(Workflow.info().workflowId() + "-child")
                            .withParentClosePolicy(ParentClosePolicy.ABANDON));
                    List<Promise<String>> p = new ArrayList<>();
                    CancellationScope scope = Workflow.newCancellationScope(() -> p.add(Async.function(c::greet,
                            "wait")));
                    scope.run();
                    Workflow.childStarted(c).get();
                    scope.cancel();
                    try {
                        return "not canceled " + p.get(0).get();
                    } catch (CanceledFailure e) {
                        return "scope canceled";
                    }
                }
                case "dup" -> {
                    ChildWorkflowOptions o = ChildWorkflowOptions.defaults().withWorkflowId("dup-child");
                    Child first = Workflow.newChildWorkflowStub(Child.class, o);
                    Async.function(first::greet, "wait");
                    Workflow.childStarted(first).get();
                    try {
                        Workflow.newChildWorkflowStub(Child.class, o).greet("x");
                        return "accepted";
                    } catch (InvalidArgumentException e) {
                        return "rejected";
                    }
                }
                case "taken" -> {
                    try {
                        return Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.defaults()
                                .withWorkflowId(m[1])).greet("x");
                    } catch (ChildWorkflowFailure f) {
                        return "taken " + ((ApplicationFailure) f.getCause()).type();
                    }
                }
                case "signal" -> {
                    try {
                        Workflow.newExternalWorkflowStub(Receiver.class, m[1]).hello("hi from " + mode);
                        return "sent";
                    } catch (ApplicationFailure f) {
                        return "not sent: " + f.type();
                    }
                }
                case "cancel" -> {
                    Workflow.cancelExternal(m[1]).get();
                    return "cancel sent";
                }
                default -> throw new IllegalArgumentException(mode);
            }
        }
    }

    /** {@link ParentImpl} changed: its "sync" mode now calls a child of another type. */
    public static final class ChangedParentImpl implements Parent {
        @Override
        public String run(String mode) {
            return Workflow.newChildWorkflowStub(Receiver.class).run();
        }
    }
}
