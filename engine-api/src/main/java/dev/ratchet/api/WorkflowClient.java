package dev.ratchet.api;

/**
 * Starts workflows and finds them again. Obtained from a running engine; usable from any thread, and any engine on
 * the same store sees the same workflows. Thread-safe.
 *
 * <pre>{@code
 * OrderWorkflow order = client.newWorkflow(OrderWorkflow.class, "order-42");
 * WorkflowHandle<String> handle = client.start(order::placeOrder, request); // returns once durable
 * String result = order.placeOrder(request);                              // or: start and wait
 * }</pre>
 */
public interface WorkflowClient {
    /**
     * A stub for the workflow with this ID. Calling its workflow method starts the workflow (or joins the existing run,
     * by the conflict policy) and waits for its result; {@link #start(Functions.Func)} starts without waiting. Calling
     * a {@link SignalMethod} signals the latest run (returning once the signal is durable), a {@link QueryMethod}
     * queries it, and an {@link UpdateMethod} sends an update and waits for its result. Messages to a finished run
     * throw {@link WorkflowClosedException}, to an unknown ID {@link WorkflowNotFoundException}.
     */
    <T> T newWorkflow(Class<T> workflowInterface, String workflowId);

    /** A stub like {@link #newWorkflow(Class, String)} with full start options. */
    <T> T newWorkflow(Class<T> workflowInterface, WorkflowOptions options);

    /** Starts the workflow method called by {@code call} on a stub and returns once the start is durable. */
    <R> WorkflowHandle<R> start(Functions.Func<R> call);

    /** Starts a workflow method that returns nothing. */
    WorkflowHandle<Void> start(Functions.Proc call);

    /** Starts {@code method} (a method reference on a stub) with one argument. */
    <A, R> WorkflowHandle<R> start(Functions.Func1<A, R> method, A argument);

    /** Starts {@code method} (a method reference on a stub, returning nothing) with one argument. */
    <A> WorkflowHandle<Void> start(Functions.Proc1<A> method, A argument);

    /**
     * A handle to the latest run of an existing workflow.
     *
     * @throws WorkflowNotFoundException if no workflow has this ID
     */
    <R> WorkflowHandle<R> handle(String workflowId, Class<R> resultType);

    /**
     * Describes the latest run of a workflow. After {@link Workflow#continueAsNew} that is the newest run of the chain
     * (its {@link WorkflowDescription#continuedFromRunId()} names the run it continued); the runs before it are
     * {@link WorkflowStatus#CONTINUED_AS_NEW}.
     *
     * @throws WorkflowNotFoundException if no workflow has this ID
     */
    WorkflowDescription describe(String workflowId);

    /**
     * Requests cancellation of the latest run of a workflow and returns once the request is durable. The workflow's
     * root {@link CancellationScope} is canceled at its next workflow task: its blocking calls throw
     * {@link CanceledFailure}, and a run that lets it escape ends {@link WorkflowStatus#CANCELED} (its result throws
     * {@link WorkflowFailedException} with that cause). Requesting again is harmless.
     *
     * @throws WorkflowNotFoundException if no workflow has this ID
     * @throws InvalidArgumentException  if its latest run has already finished
     */
    void cancel(String workflowId);

    /**
     * Stops the latest run of a workflow at once, without running any more workflow code (its engine need not be
     * running or know the workflow type): the run ends {@link WorkflowStatus#TERMINATED}, with a
     * {@link TerminatedFailure} carrying {@code reason} recorded in its closing event (its result throws
     * {@link WorkflowFailedException} with that cause); its pending activities and timers are dropped.
     *
     * @throws WorkflowNotFoundException if no workflow has this ID
     * @throws InvalidArgumentException  if the reason is blank or its latest run has already finished
     */
    void terminate(String workflowId, String reason);

    /** Completes, fails or heartbeats activities that complete asynchronously, from this or any other engine. */
    ActivityCompletionClient activityCompletions();

    /**
     * One page of runs, newest first, filtered by the query's status, workflow type and start-time range; every run of
     * a workflow ID is listed (runs replaced by a reuse or continue-as-new included). The store answers it from
     * indexes, so a page costs about the same however many runs there are.
     */
    WorkflowPage list(WorkflowListQuery query);

    /**
     * How many open (running or parked) runs of a workflow type recorded each version of a
     * {@link Workflow#getVersion getVersion} change, so you know when an old branch can be deleted. Runs with no marker
     * for the change count under {@link Workflow#DEFAULT_VERSION}: they started before the change was deployed, or have
     * not reached it yet. The store keeps the version markers beside the runs, so this reads no history.
     */
    java.util.SortedMap<Integer, Long> countOpenRunsByVersion(String workflowType, String changeId);

    /**
     * Signals the workflow, starting it first if no run with its ID is open: {@code start} calls the workflow method
     * on a stub and {@code signal} a {@link SignalMethod} on a stub of the same workflow ID, e.g.
     * {@code client.signalWithStart(() -> account.run(), () -> account.deposit(10))}. A new run records the signal in
     * the same commit as its start, so its code sees it in its first workflow task; an open run gets it appended.
     * Returns once both are durable. If the latest run with this ID has closed, a new run is started by the start
     * options' {@link WorkflowIdReusePolicy}.
     *
     * @throws WorkflowAlreadyStartedException if the latest run has closed and the reuse policy keeps it
     */
    <R> WorkflowHandle<R> signalWithStart(Functions.Func<R> start, Functions.Proc signal);

    /** {@link #signalWithStart(Functions.Func, Functions.Proc)} for a workflow method that returns nothing. */
    WorkflowHandle<Void> signalWithStart(Functions.Proc start, Functions.Proc signal);

    /**
     * The recorded history of the latest run of a workflow, in order.
     *
     * @throws WorkflowNotFoundException if no workflow has this ID
     */
    java.util.List<WorkflowHistoryEvent> fetchHistory(String workflowId);
}
