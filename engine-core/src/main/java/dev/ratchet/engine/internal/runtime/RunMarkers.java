package dev.ratchet.engine.internal.runtime;

import dev.ratchet.api.UnsupportedVersionException;
import dev.ratchet.api.Workflow;
import dev.ratchet.engine.internal.history.EventType;
import dev.ratchet.engine.internal.history.Events;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Side effects, mutable side effects and versions: values decided once, recorded as MarkerRecorded command events, and
 * read back from history on replay.
 *
 * <p>Design note: while a recorded batch is replayed, its markers are looked up by key in that batch's recorded
 * events (its "window", up to the next boundary) before the code asks for them, because the code needs the value to
 * go on. Markers take no command IDs, so a {@code getVersion} that finds no marker in an older history (it returns
 * {@link Workflow#DEFAULT_VERSION} and issues nothing) shifts neither the IDs nor the positions of the commands after
 * it. The issued marker commands are still matched in order like every command, which reports any divergence.
 */
final class RunMarkers {
    private final WorkflowRun run;
    /** Markers of the recorded batch being replayed, by key; null when running live. */
    private Map<String, Events.Event> window;
    private long windowPosition;
    private int sideEffects;
    private final Map<String, Mutable> mutables = new HashMap<>();
    private final Map<String, Integer> versions = new HashMap<>();

    /** A mutable side effect's state: how often its ID was read and the last value recorded (JSON). */
    private static final class Mutable {
        int calls;
        String lastJson;
    }

    RunMarkers(WorkflowRun run) {
        this.run = run;
    }

    /**
     * Prepares the replay of the batch whose boundary is at {@code recorded[boundaryIndex]}: indexes the markers
     * recorded before the next boundary.
     */
    void beginBatch(List<Events.Event> recorded, int boundaryIndex) {
        window = new HashMap<>();
        windowPosition = recorded.get(boundaryIndex).seq();
        for (int i = boundaryIndex + 1; i < recorded.size(); i++) {
            Events.Event e = recorded.get(i);
            if (e.type().kind() == EventType.Kind.BOUNDARY) {
                break;
            }
            Command.MarkerKind kind = e.type() == EventType.MarkerRecorded ? Command.MarkerKind.of(e) : null;
            if (kind != null) {
                window.put(key(kind, e.text("id"), e.attrs().path("call").asInt()), e);
            }
        }
    }

    /** Ends a replayed batch: from now on markers are decided live. */
    void endBatch() {
        window = null;
    }

    /** Whether a recorded event is a version marker (one the code may have stopped asking for). */
    static boolean isVersionMarker(Events.Event e) {
        return e.type() == EventType.MarkerRecorded && Command.MarkerKind.of(e) == Command.MarkerKind.VERSION;
    }

    <T> T sideEffect(Class<T> type, Supplier<T> supplier) {
        String id = String.valueOf(++sideEffects);
        String what = "value of side effect #" + id;
        String json;
        if (window != null) {
            Events.Event recorded = window.get(key(Command.MarkerKind.SIDE_EFFECT, id, 0));
            if (recorded == null) {
                throw diverged(new Command.RecordMarker(Command.MarkerKind.SIDE_EFFECT, id, 0, "null", 0,
                        run.location()));
            }
            json = recorded.json("value");
        } else {
            json = run.config().payloads().write(callSupplier(supplier, what), what);
        }
        run.issue(new Command.RecordMarker(Command.MarkerKind.SIDE_EFFECT, id, 0, json, 0, run.location()));
        return read(json, type, what);
    }

    <T> T mutableSideEffect(String id, Class<T> type, Supplier<T> supplier) {
        Mutable m = mutables.computeIfAbsent(id, k -> new Mutable());
        int call = ++m.calls;
        String what = "value of mutable side effect '" + id + "'";
        String json;
        if (window != null) {
            Events.Event recorded = window.get(key(Command.MarkerKind.MUTABLE_SIDE_EFFECT, id, call));
            if (recorded == null) {
                if (m.lastJson == null) {
                    // a first read always records: this history never read the ID here
                    throw diverged(new Command.RecordMarker(Command.MarkerKind.MUTABLE_SIDE_EFFECT, id, call, "null", 0,
                            run.location()));
                }
                return read(m.lastJson, type, what);
            }
            json = recorded.json("value");
        } else {
            json = run.config().payloads().write(callSupplier(supplier, what), what);
            if (json.equals(m.lastJson)) {
                return read(json, type, what);
            }
        }
        m.lastJson = json;
        run.issue(new Command.RecordMarker(Command.MarkerKind.MUTABLE_SIDE_EFFECT, id, call, json, 0,
                run.location()));
        return read(json, type, what);
    }

    int getVersion(String changeId, int minSupported, int maxSupported) {
        Integer decided = versions.get(changeId);
        long position = window != null ? windowPosition : run.lastSeq() + 1;
        if (decided == null) {
            int version;
            if (window != null) {
                Events.Event recorded = window.get(key(Command.MarkerKind.VERSION, changeId, 0));
                version = recorded == null ? Workflow.DEFAULT_VERSION : recorded.attrs().path("version").asInt();
                if (recorded != null) {
                    position = recorded.seq();
                }
            } else {
                version = maxSupported;
            }
            versions.put(changeId, version);
            if (version != Workflow.DEFAULT_VERSION) {
                run.issue(new Command.RecordMarker(Command.MarkerKind.VERSION, changeId, 0, null, version,
                        run.location()));
            }
            decided = version;
        }
        if (decided < minSupported || decided > maxSupported) {
            throw run.outcome().abortTask(new UnsupportedVersionException(run.info().workflowId(), run.info().runId(), position,
                    changeId, decided, minSupported, maxSupported));
        }
        return decided;
    }

    private <T> T callSupplier(Supplier<T> supplier, String what) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            // not recorded: the task fails and the run is parked, as for any bug in workflow code
            throw run.outcome().abortTask(new WorkflowCodeException(run.info(), new IllegalStateException("the supplier of the "
                    + what + " threw " + e, e)));
        }
    }

    /**
     * The code asks for a marker the replayed batch did not record: issue the marker (so matching reports the
     * mismatch with positions and both sides) and stop this workflow thread, which has no value to go on with.
     */
    private RuntimeException diverged(Command.RecordMarker command) {
        run.issue(command);
        return run.threads().blockForever();
    }

    @SuppressWarnings("unchecked") // the codec returns an instance of type (boxed when type is primitive)
    private <T> T read(String json, Class<T> type, String what) {
        return (T) run.config().payloads().read(json, type, what);
    }

    private static String key(Command.MarkerKind kind, String id, int call) {
        return kind.recordedName() + '\u0000' + id + '\u0000' + call;
    }
}
