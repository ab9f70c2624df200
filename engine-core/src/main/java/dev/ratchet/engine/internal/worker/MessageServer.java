package dev.ratchet.engine.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.ratchet.api.RatchetException;
import dev.ratchet.api.WorkflowQueryException;
import dev.ratchet.engine.internal.definition.WorkflowDefinition;
import dev.ratchet.engine.store.MessageRequest;
import dev.ratchet.engine.store.RunRecord;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates and queries between engines: an engine that does not register a run's workflow type sends them through the
 * store ({@link MessageRequest}); an engine that registers it and serves the run's task queue claims them here,
 * handles them like its own callers' ({@link MessageProcessor}) and stores the answer, which the sender takes. A sender
 * whose request no engine took within {@link #answerTimeout} withdraws it, so nothing happens behind its back.
 * Thread-safe.
 */
public final class MessageServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessageServer.class);
    private static final int CLAIM_BATCH = 16;
    static final String UPDATE = "update";
    static final String QUERY = "query";

    private final WorkerContext ctx;
    private final WorkflowTaskProcessor processor;
    private final MessageProcessor messages;
    private final Loop loop;
    private final Duration lease;

    /** Creates the server of an engine; {@link #start()} starts claiming if the engine registers workflow types. */
    public MessageServer(WorkerContext ctx, WorkflowTaskProcessor processor) {
        this.ctx = ctx;
        this.processor = processor;
        this.messages = processor.messages();
        this.loop = new Loop("ratchet-messages-" + ctx.owner(), this::poll);
        // longer than an update may wait for its run's workflow task, so a live engine keeps its claim
        this.lease = ctx.lease().plusSeconds(30);
    }

    /** Starts claiming requests for the workflow types this engine registers (none: nothing to start). */
    public void start() {
        if (!ctx.workflows().isEmpty() && !ctx.taskQueues().isEmpty()) {
            loop.start();
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    private long poll() {
        List<MessageRequest> claimed = ctx.store().claimRequests(ctx.taskQueues(), ctx.workflows().keySet(),
                ctx.owner(), CLAIM_BATCH, lease, ctx.clock().millis());
        for (MessageRequest r : claimed) {
            processor.probe().workStarted();
            Thread.ofVirtual().name("ratchet-message-" + r.requestId()).start(() -> {
                try {
                    handle(r);
                } catch (RuntimeException e) {
                    // the claim's lease runs out and the request is handled again (an accepted update is not
                    // accepted twice), or its sender withdraws it
                    log.warn("message request {} ({} of run {}) failed: {}", r.requestId(), r.kind(), r.runId(),
                            e.toString());
                } finally {
                    processor.probe().workFinished();
                }
            });
        }
        return claimed.size() == CLAIM_BATCH ? 0 : ctx.pollInterval().toMillis();
    }

    private void handle(MessageRequest r) {
        JsonNode payload = read(r.payload());
        String name = payload.path("name").asText();
        String input = payload.get("input").toString();
        WorkflowDefinition def = ctx.workflows().get(r.workflowType());
        ObjectNode answer = ctx.config().events().mapper().createObjectNode();
        try {
            if (r.kind().equals(UPDATE)) {
                Method handler = def.handlers().updates().get(name);
                if (handler == null) {
                    answer.put("outcome", MessageProcessor.Acceptance.Kind.NOT_ACCEPTED.name());
                    answer.put("message", "no @UpdateMethod named '" + name + "' in " + def.iface().getName());
                } else {
                    Object[] args = ctx.config().payloads().readArgs(input, handler.getGenericParameterTypes(),
                            "input of update " + name);
                    MessageProcessor.Acceptance a = messages.accept(r.runId(), def, name, args, input,
                            r.requestId());
                    answer.put("outcome", a.kind().name());
                    answer.put("message", a.message());
                    if (a.cause() != null) {
                        answer.set("failure", messages.failureJson(a.cause()));
                    }
                }
            } else {
                Method handler = def.handlers().queries().get(name);
                Optional<RunRecord> run = ctx.store().findRun(r.runId());
                if (handler == null || run.isEmpty()) {
                    throw new WorkflowQueryException(handler == null ? "no @QueryMethod named '" + name + "' in "
                            + def.iface().getName() : "run " + r.runId() + " does not exist", null);
                }
                Object[] args = ctx.config().payloads().readArgs(input, handler.getGenericParameterTypes(),
                        "input of query " + name);
                Object result = messages.query(run.get(), handler, args, name);
                answer.put("outcome", "ANSWERED");
                answer.putRawValue("result", new RawValue(ctx.config().payloads().write(result,
                        "answer of query " + name)));
            }
        } catch (RuntimeException e) {
            answer.removeAll();
            answer.put("outcome", "FAILED");
            answer.put("message", e.getMessage());
        }
        if (!ctx.store().answerRequest(r.requestId(), ctx.owner(), answer.toString())) {
            log.debug("message request {} was withdrawn or taken over before it was answered", r.requestId());
        }
    }

    /**
     * How long a sender waits for an engine to take its request before withdrawing it: long enough for several polls
     * of a live engine.
     */
    static long answerTimeout(WorkerContext ctx) {
        return Math.max(5_000, 20 * ctx.pollInterval().toMillis());
    }

    /** Sends an update through the store and waits until an engine accepted or refused it. */
    static MessageProcessor.Acceptance sendUpdate(WorkerContext ctx, RunRecord run, String name, String inputJson,
            String updateId) {
        JsonNode answer = send(ctx, run, UPDATE, name, inputJson, updateId);
        if (answer == null) {
            return MessageProcessor.Acceptance.of(MessageProcessor.Acceptance.Kind.NOT_ACCEPTED, noEngine(ctx, run));
        }
        String outcome = answer.path("outcome").asText();
        if (outcome.equals("FAILED")) {
            return MessageProcessor.Acceptance.of(MessageProcessor.Acceptance.Kind.NOT_ACCEPTED,
                    answer.path("message").asText());
        }
        Throwable cause = failureOf(ctx, answer.get("failure"));
        return new MessageProcessor.Acceptance(MessageProcessor.Acceptance.Kind.valueOf(outcome),
                answer.path("message").isNull() ? null : answer.path("message").asText(null), cause);
    }

    /**
     * Sends a query through the store and returns the answer's JSON.
     *
     * @throws WorkflowQueryException when the query failed on the answering engine, or no engine answered
     */
    static String sendQuery(WorkerContext ctx, RunRecord run, String name, String inputJson) {
        JsonNode answer = send(ctx, run, QUERY, name, inputJson, RunIds.next(ctx.clock().millis()));
        if (answer == null) {
            throw new WorkflowQueryException("query '" + name + "' of workflow " + run.workflowId() + " was not "
                    + "answered: " + noEngine(ctx, run), null);
        }
        if (!answer.path("outcome").asText().equals("ANSWERED")) {
            throw new WorkflowQueryException("query '" + name + "' of workflow " + run.workflowId() + " failed on "
                    + "the engine that ran it: " + answer.path("message").asText(), null);
        }
        return answer.get("result").toString();
    }

    private static String noEngine(WorkerContext ctx, RunRecord run) {
        return "this engine does not register workflow type '" + run.workflowType() + "', and no engine that "
                + "registers it and serves task queue '" + run.taskQueue() + "' took it within "
                + answerTimeout(ctx) / 1000 + " s, so it was withdrawn; start such an engine, or send it from one";
    }

    /** Stores the request and waits for its answer; null when no engine took it in time (it is withdrawn). */
    private static JsonNode send(WorkerContext ctx, RunRecord run, String kind, String name, String inputJson,
            String requestId) {
        ObjectNode payload = ctx.config().events().mapper().createObjectNode();
        payload.put("name", name);
        payload.putRawValue("input", new RawValue(inputJson));
        ctx.store().putRequest(new MessageRequest(requestId, run.runId(), run.workflowType(), run.taskQueue(), kind,
                payload.toString(), ctx.clock().millis()));
        long deadline = System.nanoTime() + Duration.ofMillis(answerTimeout(ctx)).toNanos();
        for (int attempt = 0; ; attempt++) {
            Optional<String> answer = ctx.store().takeAnswer(requestId);
            if (answer.isPresent()) {
                return read(ctx, answer.get());
            }
            // past the deadline, withdrawing succeeds only while no engine holds the request
            if (System.nanoTime() > deadline && ctx.store().withdrawRequest(requestId)) {
                return null;
            }
            try {
                Thread.sleep(Math.min(ctx.pollInterval().toMillis(), 5L << Math.min(attempt, 6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                boolean withdrawn = ctx.store().withdrawRequest(requestId);
                throw new RatchetException("interrupted while waiting for an engine to take " + kind + " '" + name
                        + "' of workflow " + run.workflowId() + (withdrawn ? "; it was withdrawn"
                        : "; an engine is handling it"), e);
            }
        }
    }

    private static Throwable failureOf(WorkerContext ctx, JsonNode failure) {
        return failure == null || failure.isNull() ? null
                : dev.ratchet.engine.internal.history.Failures.fromJson(ctx.config().events().mapper(), failure);
    }

    private JsonNode read(String json) {
        return read(ctx, json);
    }

    private static JsonNode read(WorkerContext ctx, String json) {
        try {
            return ctx.config().events().mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable message request or answer: " + json, e);
        }
    }
}
