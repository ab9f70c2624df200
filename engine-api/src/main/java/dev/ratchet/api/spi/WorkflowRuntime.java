package dev.ratchet.api.spi;

import dev.ratchet.api.ActivityOptions;
import dev.ratchet.api.CompletablePromise;
import dev.ratchet.api.Functions;
import dev.ratchet.api.Promise;
import dev.ratchet.api.WorkflowInfo;
import dev.ratchet.api.WorkflowQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the {@link dev.ratchet.api.Workflow} facade delegates to; implemented by the engine for the workflow thread
 * that is running. Not part of the user API (exported only to the engine).
 */
public interface WorkflowRuntime {
    /** A stub whose calls schedule activities, with per-method options overriding the defaults. */
    <T> T newActivityStub(Class<T> activityInterface, ActivityOptions defaults,
            Map<String, ActivityOptions> methodOptions);

    /** Blocks the workflow for a durable timer. */
    void sleep(Duration duration);

    /** The deterministic time of the current workflow task. */
    Instant currentTime();

    /** A random generator seeded per run, identical on replay. */
    Random random();

    /** A UUID derived from the run's random generator. */
    UUID randomUUID();

    /** Whether the code is re-executing recorded history. */
    boolean isReplaying();

    /** Facts about the running workflow. */
    WorkflowInfo info();

    /** A logger that stays silent while replaying. */
    System.Logger logger(String name);

    /** Blocks the calling workflow thread until {@code condition} holds. */
    void await(BooleanSupplier condition);

    /** Blocks until {@code condition} holds or a durable timer of {@code timeout} fires; true if the condition won. */
    boolean await(Duration timeout, BooleanSupplier condition);

    /** A promise completed when a durable timer of {@code duration} fires. */
    Promise<Void> newTimer(Duration duration);

    /** Runs {@code supplier} once and records its value; replay returns the recorded value. */
    <T> T sideEffect(Class<T> type, Supplier<T> supplier);

    /** Runs {@code supplier} and records its value when it differs from the last recorded value for {@code id}. */
    <T> T mutableSideEffect(String id, Class<T> type, Supplier<T> supplier);

    /** The version of {@code changeId} this run follows, recorded on first use. */
    int getVersion(String changeId, int minSupported, int maxSupported);

    /** Runs {@code body} on a new workflow thread. */
    <R> Promise<R> newThread(Functions.Func<R> body);

    /** A promise that workflow code completes itself. */
    <T> CompletablePromise<T> newPromise();

    /** A bounded queue between workflow threads. */
    <E> WorkflowQueue<E> newQueue(int capacity);

    /** A promise completed when all {@code promises} are, or failed with the first failure. */
    Promise<Void> allOf(List<? extends Promise<?>> promises);

    /** A promise completed like the first of {@code promises} to complete. */
    <T> Promise<T> anyOf(List<? extends Promise<? extends T>> promises);

    /** A scope attached to the calling thread's scope (or detached from it) that runs {@code body}. */
    dev.ratchet.api.CancellationScope newCancellationScope(boolean detached, Runnable body);

    /** The calling workflow thread's cancellation scope. */
    dev.ratchet.api.CancellationScope currentCancellationScope();

    /** A stub whose workflow method starts a child workflow and blocks for its result. */
    <T> T newChildWorkflowStub(Class<T> workflowInterface, dev.ratchet.api.ChildWorkflowOptions options);

    /** A promise of the run ID of the child most recently started through {@code stub}. */
    Promise<String> childStarted(Object stub);

    /** A stub whose signal methods signal another workflow durably. */
    <T> T newExternalWorkflowStub(Class<T> workflowInterface, String workflowId);

    /** Asks another workflow to cancel, durably; the promise completes once the request is recorded there. */
    Promise<Void> cancelExternal(String workflowId);

    /** Closes the run and starts the next run of the workflow with {@code args}; never returns normally. */
    void continueAsNew(Object[] args);
}
