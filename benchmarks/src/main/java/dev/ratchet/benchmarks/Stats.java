package dev.ratchet.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Order statistics. Percentiles use the nearest-rank method (the smallest sample with at least p % of the samples at
 * or below it); the median of an even count is the mean of the two middle samples.
 */
final class Stats {
    private Stats() {
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100) of {@code values}. */
    static double percentile(double[] values, double p) {
        requireSamples(values);
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The median of {@code values}. */
    static double median(double[] values) {
        requireSamples(values);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The smallest of {@code values}. */
    static double min(double[] values) {
        requireSamples(values);
        return Arrays.stream(values).min().orElseThrow();
    }

    /** The largest of {@code values}. */
    static double max(double[] values) {
        requireSamples(values);
        return Arrays.stream(values).max().orElseThrow();
    }

    /** {@code {"median":…,"min":…,"max":…}} of one number per repeat, rounded to {@code decimals}. */
    static Map<String, Object> acrossRepeats(List<Double> perRepeat, int decimals) {
        double[] v = perRepeat.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", round(median(v), decimals));
        m.put("min", round(min(v), decimals));
        m.put("max", round(max(v), decimals));
        return m;
    }

    /** Nanoseconds to milliseconds. */
    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** {@code value} rounded half-up to {@code decimals} places. */
    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static void requireSamples(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
    }
}
