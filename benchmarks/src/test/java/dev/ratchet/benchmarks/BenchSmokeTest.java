package dev.ratchet.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs {@code Bench smoke} in-process (H2) and checks its output: one valid JSON result line per benchmark. */
class BenchSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void smokeRunPrintsOneValidLinePerBenchmark() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            code = Bench.run(new String[] {"smoke"}, out, false);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code; output:%n%s", output).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(2);
        for (JsonNode line : lines) {
            assertThat(line.has("error")).as("error in %s", line).isFalse();
            assertThat(line.path("store").asText()).isEqualTo("h2");
            assertThat(line.path("java").asText()).isNotBlank();
            assertThat(line.path("date").asText()).isNotBlank();
        }

        JsonNode w1 = lines.get(0);
        assertThat(w1.path("bench").asText()).isEqualTo("W1");
        assertThat(w1.path("workflows").asInt()).isEqualTo(50);
        assertThat(w1.path("repeats").asInt()).isEqualTo(1);
        assertOrdered(w1.path("wall_ms"));
        assertOrdered(w1.path("wf_per_s"));
        assertThat(w1.path("wf_per_s").path("median").asDouble()).isPositive();
        assertThat(w1.path("p50_ms").path("median").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(w1.path("p99_ms").path("median").asDouble());

        JsonNode n1 = lines.get(1);
        assertThat(n1.path("bench").asText()).isEqualTo("N1");
        assertThat(n1.path("workflows").asInt()).isEqualTo(5);
        JsonNode latency = n1.path("latency_ms");
        assertOrdered(latency);
        assertThat(latency.path("p90").asDouble()).isBetween(latency.path("median").asDouble(),
                latency.path("max").asDouble());
    }

    private static void assertOrdered(JsonNode summary) {
        double min = summary.path("min").asDouble();
        double median = summary.path("median").asDouble();
        double max = summary.path("max").asDouble();
        assertThat(min).as("min in %s", summary).isPositive();
        assertThat(median).as("median in %s", summary).isBetween(min, max);
    }
}
