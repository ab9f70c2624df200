package dev.ratchet.engine.store;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message requests of {@link InMemoryStore}: updates and queries waiting for an engine of their workflow type,
 * claimed under a lease, answered once, taken once. Not thread-safe: the store calls it under its lock.
 */
final class InMemoryRequests {
    private static final long ANSWER_KEPT_MS = 3_600_000;

    private static final class Request {
        final MessageRequest request;
        final long order;
        final InMemoryLease lease = new InMemoryLease();
        String answer;

        Request(MessageRequest request, long order) {
            this.request = request;
            this.order = order;
        }
    }

    private final Map<String, Request> requests = new HashMap<>();
    private long order;

    void put(MessageRequest request) {
        if (requests.containsKey(request.requestId())) {
            throw new dev.ratchet.api.StoreException("message request " + request.requestId() + " exists already");
        }
        requests.put(request.requestId(), new Request(request, ++order));
    }

    List<MessageRequest> claim(Collection<String> taskQueues, Collection<String> workflowTypes, String owner, int max,
            Duration lease, long nowMillis, long storeNow) {
        requests.values().removeIf(r -> r.answer != null && r.request.createdAt() < nowMillis - ANSWER_KEPT_MS);
        List<Request> candidates = requests.values().stream().filter(r -> r.answer == null
                && taskQueues.contains(r.request.taskQueue()) && workflowTypes.contains(r.request.workflowType())
                && (r.lease.owner == null || r.lease.expiresAt < storeNow))
                .sorted((x, y) -> Long.compare(x.order, y.order)).limit(Math.max(0, max)).toList();
        for (Request r : candidates) {
            r.lease.owner = owner;
            r.lease.expiresAt = storeNow + lease.toMillis();
        }
        return candidates.stream().map(r -> r.request).toList();
    }

    boolean answer(String requestId, String owner, String answer) {
        Request r = requests.get(requestId);
        if (r == null || r.answer != null || !owner.equals(r.lease.owner)) {
            return false;
        }
        r.answer = answer;
        r.lease.owner = null;
        return true;
    }

    Optional<String> take(String requestId) {
        Request r = requests.get(requestId);
        if (r == null || r.answer == null) {
            return Optional.empty();
        }
        requests.remove(requestId);
        return Optional.of(r.answer);
    }

    boolean withdraw(String requestId, long storeNow) {
        Request r = requests.get(requestId);
        if (r == null || r.answer != null || (r.lease.owner != null && r.lease.expiresAt >= storeNow)) {
            return false;
        }
        requests.remove(requestId);
        return true;
    }
}
