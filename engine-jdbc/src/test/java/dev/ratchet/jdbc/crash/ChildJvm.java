package dev.ratchet.jdbc.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One incarnation of {@link CrashWorker} in its own JVM: its output is drained on a thread into memory and a log file,
 * and it is killed with {@link Process#destroyForcibly()} (SIGKILL on Unix).
 */
final class ChildJvm implements AutoCloseable {
    final int incarnation;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Thread drain;
    private final long startedAt = System.currentTimeMillis();
    private volatile long upAt;
    private volatile long killedAt;

    private ChildJvm(int incarnation, Process process, Path log) throws IOException {
        this.incarnation = incarnation;
        this.process = process;
        this.log = log;
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.drain = Thread.ofPlatform().daemon().name("crash-child-" + incarnation + "-output").start(() -> {
            try (out; BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                    out.write(line);
                    out.write('\n');
                }
            } catch (IOException e) {
                // the process died mid-line; what was read is kept
            }
        });
    }

    /** Starts {@link CrashWorker} with {@code args} in a new JVM on this JVM's java and class path. */
    static ChildJvm start(int incarnation, List<String> jvmOptions, List<String> args, Path logDir)
            throws IOException {
        return start(CrashWorker.class, incarnation, jvmOptions, args, logDir);
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM on this JVM's java and class path. */
    static ChildJvm start(Class<?> mainClass, int incarnation, List<String> jvmOptions, List<String> args,
            Path logDir) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(jvmOptions);
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = logDir.resolve("incarnation-" + incarnation + ".log");
        Files.writeString(log, "");
        return new ChildJvm(incarnation, pb.start(), log);
    }

    /**
     * Waits for the first output line starting with {@code prefix}; fails if the child exits first or the deadline
     * passes.
     */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (lines.get(seen).startsWith(prefix)) {
                        if (prefix.equals("UP ")) {
                            upAt = System.currentTimeMillis();
                        }
                        return lines.get(seen);
                    }
                }
                if (!process.isAlive() && !drain.isAlive()) {
                    throw new AssertionError("incarnation " + incarnation + " exited with " + process.exitValue()
                            + " before printing '" + prefix + "'; its output:\n" + tail(60));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("incarnation " + incarnation + " did not print '" + prefix + "' within "
                            + timeout + "; its output:\n" + tail(60));
                }
                lines.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 100));
            }
        }
    }

    /** Kills the JVM at once (SIGKILL) and waits for it to be gone. */
    void kill() throws InterruptedException {
        if (!process.isAlive()) {
            drain.join(10_000);
            throw new AssertionError("incarnation " + incarnation + " exited by itself with " + process.exitValue()
                    + " before it was killed; its output:\n" + tail(60));
        }
        killedAt = System.currentTimeMillis();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("incarnation " + incarnation + " (pid " + process.pid()
                    + ") still alive 30 s after SIGKILL");
        }
        drain.join(10_000);
    }

    /** Waits for the JVM to exit by itself; returns its exit code, or empty if it is still running at the deadline. */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        drain.join(10_000);
        return Optional.of(process.exitValue());
    }

    /** Every output line so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The last {@code n} output lines, one per line. */
    String tail(int n) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    long startedAt() {
        return startedAt;
    }

    /** When it printed UP (parent clock), or 0. */
    long upAt() {
        return upAt;
    }

    /** When the parent sent SIGKILL (parent clock, epoch ms), or 0 if it was not killed. */
    long killedAt() {
        return killedAt;
    }

    /** Kills it if it is still alive (cleanup after a failure). */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            drain.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
