package dev.ratchet.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the machine and this JVM were during a run, as fractions of all cores: {@code machine} from
 * {@code /proc/stat} (Linux; absent elsewhere), {@code jvm} from the process CPU time. On one machine with PostgreSQL,
 * {@code machine - jvm} is the database plus anything else running, so a high value on an H2 run means a noisy
 * machine.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final long startNanos = System.nanoTime();
    private final long startProcessNanos = processCpuNanos();
    private final long[] startMachine = machineJiffies();

    /** The busy fractions since this meter was created, rounded to two decimals. */
    Map<String, Object> sample() {
        double wallNanos = Math.max(1, System.nanoTime() - startNanos);
        int cpus = Runtime.getRuntime().availableProcessors();
        Map<String, Object> m = new LinkedHashMap<>();
        long[] machine = machineJiffies();
        if (machine != null && startMachine != null && machine[1] > startMachine[1]) {
            m.put("machine", Stats.round((machine[0] - startMachine[0]) / (double) (machine[1] - startMachine[1]), 2));
        }
        long process = processCpuNanos();
        if (process >= 0 && startProcessNanos >= 0) {
            m.put("jvm", Stats.round((process - startProcessNanos) / wallNanos / cpus, 2));
        }
        return m;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** {busy, total} jiffies over all cores, or null if unavailable. */
    private static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
