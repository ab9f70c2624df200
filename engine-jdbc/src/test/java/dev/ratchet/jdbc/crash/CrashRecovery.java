package dev.ratchet.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ratchet.engine.store.HistoryEvent;
import dev.ratchet.engine.store.RunRecord;
import dev.ratchet.engine.store.RunStatus;
import dev.ratchet.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The crash test: an engine in a child JVM runs a few hundred workflows (activities and durable sleeps) and is killed
 * with SIGKILL at random moments several times; a last incarnation runs everything to the end. Then, with no engine
 * running, the store and the activities' side-effect ledger must show that:
 * <ul>
 *   <li>every workflow has exactly one run, COMPLETED with the expected result, and every start acknowledged to any
 *       incarnation named that run (acknowledged means durable);</li>
 *   <li>every history is numbered 1..n without gap or duplicate, starts once, closes once (last), records each
 *       scheduled activity's outcome exactly once and each timer's firing exactly once, and no run was parked;</li>
 *   <li>no task, timer or lease is left behind;</li>
 *   <li>each activity left at least one effect, one per attempt number, all under one idempotency key of its own; the
 *       recorded attempt left an effect and is the last attempt that did; every other effect was written by an
 *       incarnation that was then killed (an activity ran again only when a kill interrupted it), at most as many per
 *       kill as an engine runs activities at once; no activity needed more than 1 + kills attempts;</li>
 *   <li>the test was not vacuous: kills hit workflows in flight (started before the kill, completed after it).</li>
 * </ul>
 * The seed (printed, and settable with {@code -Dratchet.crash.seed=...}) fixes the kill schedule and start orders; the
 * children's output is kept in {@code target/crash-logs/}.
 */
abstract class CrashRecovery {
    /**
     * How many times the engine is killed before the incarnation that finishes; {@code -Dratchet.crash.kills=...}
     * raises it for a soak run (the workflows' wake-ups still span only the first 13 s).
     */
    static final int KILLS = Integer.getInteger("ratchet.crash.kills", 4);
    /** A kill comes this long after the child reports that its engine is up: 0.3 to 2 s. */
    static final int MIN_KILL_DELAY_MS = 300;
    static final int MAX_KILL_DELAY_MS = 2_000;
    /** Generous limits for a loaded 2-core machine; normally seconds. */
    static final Duration UP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLES = JdbcStore.DEFAULT_TABLE_PREFIX;

    /** How many workflows the test runs. */
    protected abstract int workflows();

    /** Creates a fresh, empty database for this test (skipping the test if the database is unavailable). */
    protected abstract void createDatabase() throws Exception;

    /** The child arguments that name the database ({@code store=...} and its location). */
    protected abstract List<String> storeArgs();

    /** Extra JVM options of the children. */
    protected List<String> childJvmOptions() {
        return List.of();
    }

    /** A new, opened store on the database; only called when no child is running. */
    protected abstract JdbcStore openStore();

    /** A plain data source on the database (store tables and the effects table); closed by the caller if closeable. */
    protected abstract DataSource openDataSource();

    /** Removes the database. */
    protected abstract void dropDatabase() throws Exception;

    /** After a failure, keeps what can be kept of the database in {@code logDir} for a post-mortem. */
    protected void keepDatabase(Path logDir) throws Exception {
    }

    /** A short name for logs. */
    protected abstract String storeName();

    @Test
    @Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
    void killedEnginesLoseNothingAndRepeatOnlyInterruptedActivities() throws Exception {
        long seed = Long.getLong("ratchet.crash.seed", System.nanoTime());
        int n = workflows();
        String banner = "[crash " + storeName() + "] seed " + seed + " (rerun with -Dratchet.crash.seed=" + seed
                + "), " + n + " workflows, " + KILLS + " kills";
        System.out.println(banner);
        Path logDir = Files.createDirectories(Path.of("target", "crash-logs", storeName() + "-" + seed));
        createDatabase();
        long began = System.nanoTime();
        List<ChildJvm> children = new ArrayList<>();
        boolean passed = false;
        try {
            Random random = new Random(seed);
            List<String> common = List.of("workflows=" + n, "seed=" + seed, "anchor=" + System.currentTimeMillis());
            for (int i = 0; i < KILLS; i++) {
                ChildJvm child = ChildJvm.start(i, jvmOptions(), args("crash", i, common), logDir);
                children.add(child);
                child.awaitLine("UP ", UP_TIMEOUT);
                int delay = MIN_KILL_DELAY_MS + random.nextInt(MAX_KILL_DELAY_MS - MIN_KILL_DELAY_MS + 1);
                Thread.sleep(delay); // the fault schedule, not an assertion
                child.kill();
                System.out.printf("[crash %s] incarnation %d (pid %d) killed %d ms after it was up (%d ms after "
                        + "launch)%n", storeName(), i, child.pid(), child.killedAt() - child.upAt(),
                        child.killedAt() - child.startedAt());
            }
            ChildJvm last = ChildJvm.start(KILLS, jvmOptions(), args("finish", KILLS, common), logDir);
            children.add(last);
            Optional<Integer> exit = last.awaitExit(FINISH_TIMEOUT);
            if (exit.isEmpty()) {
                last.kill();
                String stuck = describeUnfinished();
                Path dump = logDir.resolve("stuck.txt");
                Files.writeString(dump, stuck, StandardCharsets.UTF_8);
                throw new AssertionError("the last incarnation did not finish all workflows within " + FINISH_TIMEOUT
                        + " (dump in " + dump.toAbsolutePath() + "); its output:\n" + last.tail(20)
                        + "\nunfinished runs:\n" + stuck);
            }
            assertThat(exit.get()).as("exit code of the last incarnation; its output:\n%s", last.tail(40))
                    .isZero();
            assertThat(last.lines()).as("output of the last incarnation").contains("DONE");
            long ranMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();

            Report report = check(children, n, logDir);
            System.out.printf("[crash %s] ran %d ms; %s%n", storeName(), ranMillis, report);
            warnings(children).forEach(w -> System.out.println("[crash " + storeName() + "] child log: " + w));
            passed = true;
        } finally {
            for (ChildJvm c : children) {
                c.close();
            }
            if (!passed) {
                System.out.println(banner + " FAILED; child output in " + logDir.toAbsolutePath());
                try {
                    keepDatabase(logDir);
                } catch (Exception e) {
                    System.out.println("could not keep the database: " + e);
                }
            }
            dropDatabase();
        }
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        options.addAll(childJvmOptions());
        String extra = System.getProperty("ratchet.crash.childJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+"))); // for debugging, e.g. a log level
        }
        return options;
    }

    private List<String> args(String mode, int incarnation, List<String> common) {
        List<String> args = new ArrayList<>(List.of("mode=" + mode, "incarnation=" + incarnation));
        args.addAll(common);
        args.addAll(storeArgs());
        return args;
    }

    /** What the checks counted, for the log. */
    record Report(int kills, int killsWhileUnfinished, int effects, int repeatedEffects, int activitiesRepeated,
            Map<Integer, Integer> interruptedPerIncarnation, int outcomesAfterRetry, int acks) {
        @Override
        public String toString() {
            return kills + " kills (" + killsWhileUnfinished + " with workflows in flight), " + acks
                    + " acknowledged starts, " + effects + " effect rows, " + repeatedEffects
                    + " effects of interrupted attempts over " + activitiesRepeated + " activities (per killed "
                    + "incarnation: " + interruptedPerIncarnation + "), " + outcomesAfterRetry
                    + " outcomes recorded by a later attempt";
        }
    }

    /** A row of the effects table; {@code activity} is "workflowId/activityId". */
    private record Effect(String key, int attempt, String activity, int incarnation) {
    }

    /** Every check of the class comment; collects violations and fails with all of them at once. */
    private Report check(List<ChildJvm> children, int n, Path logDir) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, RunRecord> runs = new TreeMap<>();
        Map<String, Integer> recordedAttempts = new HashMap<>(); // workflowId/activityId -> attempt of its outcome

        // Runs through plain SQL: the store API shows only the latest run of an ID.
        Map<String, Integer> runsPerId = new HashMap<>();
        List<Effect> effects = new ArrayList<>();
        Map<String, Long> leftovers = new LinkedHashMap<>();
        DataSource ds = openDataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT workflow_id FROM \"" + TABLES + "runs\"")) {
                while (rs.next()) {
                    runsPerId.merge(rs.getString(1), 1, Integer::sum);
                }
            }
            for (String table : List.of("workflow_tasks", "activity_tasks", "timers")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + TABLES + table + "\"")) {
                    rs.next();
                    leftovers.put(table, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT idempotency_key, attempt, workflow_id, activity_id, "
                    + "incarnation FROM " + CrashWorkload.EFFECTS)) {
                while (rs.next()) {
                    effects.add(new Effect(rs.getString(1), rs.getInt(2), rs.getString(3) + "/" + rs.getString(4),
                            rs.getInt(5)));
                }
            }
        } finally {
            if (ds instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        Set<String> expectedIds = new java.util.TreeSet<>();
        for (int i = 0; i < n; i++) {
            expectedIds.add(CrashWorkload.workflowId(i));
        }
        if (!runsPerId.keySet().equals(expectedIds)) {
            problems.add("workflow IDs with runs differ from wf-0..wf-" + (n - 1) + ": missing "
                    + minus(expectedIds, runsPerId.keySet()) + ", unexpected "
                    + minus(runsPerId.keySet(), expectedIds));
        }
        runsPerId.forEach((id, count) -> {
            if (count != 1) {
                problems.add(id + " has " + count + " runs");
            }
        });
        leftovers.forEach((table, count) -> {
            if (count != 0) {
                problems.add(count + " rows left in " + TABLES + table + " after every workflow completed");
            }
        });

        try (JdbcStore store = openStore()) {
            for (int i = 0; i < n; i++) {
                String id = CrashWorkload.workflowId(i);
                Optional<RunRecord> run = store.findByWorkflowId(id);
                if (run.isEmpty()) {
                    problems.add(id + " has no run");
                    continue;
                }
                RunRecord r = run.get();
                runs.put(id, r);
                if (r.status() != RunStatus.COMPLETED) {
                    problems.add(id + " is " + r.status() + (r.parkedError() == null ? "" : ": " + r.parkedError()));
                }
                List<HistoryEvent> history = store.loadHistory(r.runId(), 1);
                checkHistory(id, i, r, history, recordedAttempts, problems);
            }
        }

        // Acknowledged starts name the run that exists; no start failed (a kill stops a child, it cannot fail it).
        int acks = 0;
        for (ChildJvm child : children) {
            List<String> lines = child.lines();
            for (int k = 0; k < lines.size(); k++) {
                String line = lines.get(k);
                if (child.killedAt() != 0 && k == lines.size() - 1) {
                    break; // the last line of a killed child may be cut short
                }
                if (line.startsWith("START-FAILED ")) {
                    problems.add("incarnation " + child.incarnation + ": " + line);
                }
                if (!line.startsWith("ACK ")) {
                    continue;
                }
                String[] p = line.split(" ");
                acks++;
                RunRecord r = runs.get(p[1]);
                if (r == null || !r.runId().equals(p[2])) {
                    problems.add("incarnation " + child.incarnation + " acknowledged the start of " + p[1] + " as run "
                            + p[2] + ", but its run is " + (r == null ? "missing" : r.runId()));
                }
            }
        }

        // The side-effect ledger against the recorded outcomes.
        Map<String, List<Effect>> byActivity = effects.stream().collect(Collectors.groupingBy(Effect::activity,
                TreeMap::new, Collectors.toList()));
        for (String activity : minus(byActivity.keySet(), recordedAttempts.keySet())) {
            problems.add("effects of " + activity + ", which is no recorded activity: " + byActivity.get(activity));
        }
        // The idempotency key: the same for every attempt of an activity, different for every other activity.
        Map<String, Set<String>> activitiesPerKey = new HashMap<>();
        byActivity.forEach((activity, rows) -> {
            Set<String> keys = rows.stream().map(Effect::key).collect(Collectors.toSet());
            if (keys.size() != 1) {
                problems.add("activity " + activity + " ran under several idempotency keys: " + keys);
            }
            keys.forEach(k -> activitiesPerKey.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(activity));
        });
        activitiesPerKey.forEach((k, activities) -> {
            if (activities.size() > 1) {
                problems.add("idempotency key " + k + " is shared by activities " + activities);
            }
        });
        int repeatedEffects = 0;
        int activitiesRepeated = 0;
        int outcomesAfterRetry = 0;
        Map<Integer, Integer> interruptedPerIncarnation = new TreeMap<>();
        for (Map.Entry<String, Integer> e : recordedAttempts.entrySet()) {
            String key = e.getKey(); // workflowId/activityId
            int recorded = e.getValue();
            if (recorded > 1) {
                outcomesAfterRetry++;
            }
            if (recorded > KILLS + 1) {
                // without failures, only a kill ends an attempt without an outcome, and one engine claims an
                // activity once
                problems.add("activity " + key + " needed " + recorded + " attempts, more than 1 + " + KILLS
                        + " kills");
            }
            List<Effect> rows = byActivity.getOrDefault(key, List.of());
            if (rows.isEmpty()) {
                problems.add("activity " + key + " completed (attempt " + recorded + ") but left no effect");
                continue;
            }
            Map<Integer, Long> perAttempt = rows.stream().collect(Collectors.groupingBy(Effect::attempt,
                    Collectors.counting()));
            perAttempt.forEach((attempt, count) -> {
                if (count > 1) {
                    problems.add("activity " + key + " attempt " + attempt + " left " + count + " effects: one "
                            + "attempt number was run twice");
                }
            });
            if (!perAttempt.containsKey(recorded)) {
                problems.add("activity " + key + " recorded attempt " + recorded + ", which left no effect: " + rows);
            }
            int maxAttempt = rows.stream().mapToInt(Effect::attempt).max().orElseThrow();
            if (maxAttempt > recorded) {
                problems.add("activity " + key + " ran attempt " + maxAttempt + " after its outcome was recorded by "
                        + "attempt " + recorded + ": " + rows);
            }
            boolean repeated = false;
            for (Effect row : rows) {
                if (row.attempt() == recorded) {
                    continue;
                }
                repeatedEffects++;
                repeated = true;
                interruptedPerIncarnation.merge(row.incarnation(), 1, Integer::sum);
                if (row.incarnation() >= KILLS) {
                    problems.add("activity " + key + " attempt " + row.attempt() + " left an effect in incarnation "
                            + row.incarnation() + ", which was not killed, yet attempt " + recorded
                            + " recorded the outcome: it ran again without a kill interrupting it; " + rows);
                }
            }
            if (repeated) {
                activitiesRepeated++;
            }
        }
        // A kill interrupts at most the attempts running at that moment: an attempt holds one of the engine's
        // activity slots from before its effect until its outcome is durable.
        interruptedPerIncarnation.forEach((incarnation, count) -> {
            if (count > CrashWorkload.MAX_CONCURRENT_ACTIVITIES) {
                problems.add("incarnation " + incarnation + " left " + count + " effects without a recorded "
                        + "outcome, more than the " + CrashWorkload.MAX_CONCURRENT_ACTIVITIES + " attempts an engine "
                        + "runs at once (all that its kill could interrupt)");
            }
        });

        // Not vacuous: some kill hit workflows in flight (started before it, completed after it).
        int killsWhileUnfinished = 0;
        for (ChildJvm child : children) {
            long kill = child.killedAt();
            if (kill != 0 && runs.values().stream().anyMatch(r -> r.createdAt() < kill && r.closedAt() > kill)) {
                killsWhileUnfinished++;
            }
        }
        if (killsWhileUnfinished == 0) {
            problems.add("no kill happened while a started workflow was unfinished: the test proved nothing");
        }

        Report report = new Report(KILLS, killsWhileUnfinished, effects.size(), repeatedEffects, activitiesRepeated,
                interruptedPerIncarnation, outcomesAfterRetry, acks);
        if (!problems.isEmpty()) {
            Path dump = logDir.resolve("problems.txt");
            writeDump(dump, problems, runs);
            throw new AssertionError(problems.size() + " violations after " + report + " (histories in "
                    + dump.toAbsolutePath() + "):\n  " + String.join("\n  ",
                            problems.subList(0, Math.min(40, problems.size()))));
        }
        return report;
    }

    /** The checks of one history. */
    private static void checkHistory(String id, int index, RunRecord run, List<HistoryEvent> history,
            Map<String, Integer> recordedAttempts, List<String> problems) throws IOException {
        String where = id + " (run " + run.runId() + ")";
        if (history.isEmpty()) {
            problems.add(where + " has an empty history");
            return;
        }
        for (int k = 0; k < history.size(); k++) {
            if (history.get(k).seq() != k + 1) {
                problems.add(where + " history seq numbers are " + history.stream().map(HistoryEvent::seq).toList()
                        + ", not 1.." + history.size());
                break;
            }
        }
        if (run.nextSeq() != history.size() + 1) {
            problems.add(where + " has next_seq " + run.nextSeq() + " but " + history.size() + " events");
        }
        Map<String, Integer> types = new TreeMap<>();
        history.forEach(e -> types.merge(e.type(), 1, Integer::sum));
        if (!history.get(0).type().equals("WorkflowStarted") || types.get("WorkflowStarted") != 1) {
            problems.add(where + " does not start with exactly one WorkflowStarted: " + types);
        }
        int closings = types.getOrDefault("WorkflowCompleted", 0) + types.getOrDefault("WorkflowFailed", 0);
        HistoryEvent last = history.get(history.size() - 1);
        if (closings != 1 || !last.type().equals("WorkflowCompleted")) {
            problems.add(where + " has " + closings + " closing events and ends with " + last.type());
        } else {
            JsonNode result = JSON.readTree(last.attributes()).get("result");
            String expected = CrashWorkload.expectedResult(index);
            if (result == null || !expected.equals(result.asText())) {
                problems.add(where + " completed with " + result + ", expected " + expected);
            }
        }
        for (String bad : List.of("WorkflowTaskFailed", "ActivityFailed")) {
            if (types.containsKey(bad)) {
                problems.add(where + " has " + bad + " events: " + types);
            }
        }
        Map<String, Integer> scheduled = new LinkedHashMap<>();
        Map<String, Integer> completed = new HashMap<>();
        Map<String, Integer> timersStarted = new HashMap<>();
        Map<String, Integer> timersFired = new HashMap<>();
        for (HistoryEvent e : history) {
            JsonNode a = JSON.readTree(e.attributes());
            switch (e.type()) {
                case "ActivityScheduled" -> scheduled.merge(a.get("activityId").asText(), 1, Integer::sum);
                case "ActivityCompleted" -> {
                    String activityId = a.get("activityId").asText();
                    if (!scheduled.containsKey(activityId)) {
                        problems.add(where + " seq " + e.seq() + " completes activity " + activityId
                                + " before or without scheduling it");
                    }
                    if (completed.merge(activityId, 1, Integer::sum) == 1) {
                        recordedAttempts.put(id + "/" + activityId, a.get("attempt").asInt());
                    }
                }
                case "TimerStarted" -> timersStarted.merge(a.get("timerId").asText(), 1, Integer::sum);
                case "TimerFired" -> {
                    String timerId = a.get("timerId").asText();
                    if (!timersStarted.containsKey(timerId)) {
                        problems.add(where + " seq " + e.seq() + " fires timer " + timerId + " before starting it");
                    }
                    timersFired.merge(timerId, 1, Integer::sum);
                }
                default -> {
                }
            }
        }
        if (scheduled.size() != CrashWorkload.ACTIVITIES || scheduled.values().stream().anyMatch(c -> c != 1)) {
            problems.add(where + " schedules activities " + scheduled + ", expected " + CrashWorkload.ACTIVITIES
                    + " distinct, once each");
        }
        if (!completed.keySet().equals(scheduled.keySet()) || completed.values().stream().anyMatch(c -> c != 1)) {
            problems.add(where + " records activity outcomes " + completed + " for scheduled " + scheduled.keySet()
                    + ": not exactly one per activity");
        }
        if (timersStarted.size() != CrashWorkload.TIMERS || !timersFired.equals(timersStarted)) {
            problems.add(where + " starts timers " + timersStarted + " and fires " + timersFired
                    + ": not exactly one firing per timer");
        }
    }

    /**
     * With no engine running: the unfinished runs with their histories, task rows and timers, for a stuck final
     * incarnation.
     */
    private String describeUnfinished() {
        StringBuilder b = new StringBuilder();
        List<String> stuckRuns = new ArrayList<>();
        try (JdbcStore store = openStore()) {
            for (int i = 0; i < workflows(); i++) {
                Optional<RunRecord> r = store.findByWorkflowId(CrashWorkload.workflowId(i));
                if (r.isEmpty() || r.get().status() != RunStatus.COMPLETED) {
                    r.ifPresent(run -> stuckRuns.add(run.runId()));
                    if (stuckRuns.size() > 10) {
                        continue;
                    }
                    b.append(CrashWorkload.workflowId(i)).append(": ").append(r.map(Object::toString).orElse("no run"));
                    r.ifPresent(run -> store.loadHistory(run.runId(), 1).forEach(e -> b.append("\n    ").append(e)));
                    b.append('\n');
                }
            }
            b.append(stuckRuns.size()).append(" unfinished runs\n");
        } catch (RuntimeException e) {
            b.append("(could not read the store: ").append(e).append(")\n");
        }
        DataSource ds = openDataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            b.append("database time (ms): ");
            try (ResultSet rs = s.executeQuery("SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)")) {
                rs.next();
                b.append(rs.getLong(1)).append(", test clock: ").append(System.currentTimeMillis()).append('\n');
            }
            for (String table : List.of("workflow_tasks", "activity_tasks", "timers")) {
                b.append(TABLES).append(table).append(" rows of unfinished runs:\n");
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + TABLES + table + "\"")) {
                    int cols = rs.getMetaData().getColumnCount();
                    int shown = 0;
                    while (rs.next() && shown < 50) {
                        if (!stuckRuns.contains(rs.getString("run_id"))) {
                            continue;
                        }
                        shown++;
                        b.append("   ");
                        for (int col = 1; col <= cols; col++) {
                            String value = rs.getString(col);
                            if (value != null && value.length() > 200) {
                                value = value.substring(0, 200) + "...";
                            }
                            b.append(' ').append(rs.getMetaData().getColumnName(col).toLowerCase(java.util.Locale.ROOT))
                                    .append('=').append(value);
                        }
                        b.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            b.append("(could not read the task tables: ").append(e).append(")");
        } finally {
            if (ds instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // diagnostics only
                }
            }
        }
        return b.toString();
    }

    private void writeDump(Path dump, List<String> problems, Map<String, RunRecord> runs) {
        StringBuilder b = new StringBuilder(String.join("\n", problems)).append("\n\nHistories of named runs:\n");
        try (JdbcStore store = openStore()) {
            int shown = 0;
            for (RunRecord r : runs.values()) {
                if (shown < 20 && problems.stream().anyMatch(p -> p.contains(r.runId())
                        || p.startsWith(r.workflowId() + " "))) {
                    shown++;
                    b.append(r).append('\n');
                    store.loadHistory(r.runId(), 1).forEach(e -> b.append("    ").append(e).append('\n'));
                }
            }
        } catch (RuntimeException e) {
            b.append("(could not read histories: ").append(e).append(")\n");
        }
        try {
            Files.writeString(dump, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("could not write " + dump + ": " + e);
        }
    }

    /**
     * WARN and ERROR lines of the children's logs (engine complaints), with IDs and times masked so that alike lines
     * are counted together, for the test log.
     */
    private static List<String> warnings(List<ChildJvm> children) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, String> example = new HashMap<>();
        for (ChildJvm c : children) {
            for (String line : c.lines()) {
                if (line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception")) {
                    String shape = line.replaceFirst("^[0-9:.]+ ", "").replaceAll("wf-[0-9]+", "wf-N")
                            .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<run>")
                            .replaceAll("engine-[0-9a-f]{8}", "engine-E");
                    counts.merge(shape, 1, Integer::sum);
                    example.putIfAbsent(shape, "incarnation " + c.incarnation + ": " + line);
                }
            }
        }
        List<String> out = new ArrayList<>();
        counts.forEach((shape, count) -> out.add(count + " x, e.g. " + example.get(shape)));
        return out;
    }

    private static <T extends Comparable<T>> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> out = new java.util.TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
