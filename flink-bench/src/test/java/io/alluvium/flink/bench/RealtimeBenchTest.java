package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.Progress;
import io.alluvium.generator.SendReports;
import io.alluvium.runtime.DataDir;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bench realtime} end to end on a small load, on the real broker and redis-server: the replays and the
 * live job count every record in the topics, every live step sends its records (rendered ahead) and is
 * measured by probes, and the report names each measure and comparison docs/benchmarks.md describes.
 */
class RealtimeBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RATE = 400;

    @RegisterExtension
    static final RealtimePlatform platform = new RealtimePlatform(Map.of(
            "kafka.partitions", "2",
            "realtime.checkpoint-interval", "1s"));

    @Test
    void everyRecordIsCountedAndEveryStepMeasured() throws Exception {
        AlluviumConfig config = platform.config().with(AlluviumSettings.GENERATOR_EVENTS, "3000");
        KafkaPublisher.of(config).publish(new EventGenerator(GeneratorPlan.from(config)), Progress.NONE);

        JsonNode result = JSON.readTree(new RealtimeBench(config, new ProtocolCapture().protocol())
                .run(RATE, Duration.ofSeconds(1)));

        List<String> measures = new ArrayList<>();
        result.get("measures").forEach(m -> measures.add(m.get("name").asText()));
        assertThat(measures).startsWith("bounded replay, serving store sink", "bounded replay, discarding sink",
                "live at 80/s", "live at 160/s", "live at 240/s", "live at 320/s", "live at 400/s");
        assertThat(measures).hasSize(8);
        assertThat(measures.get(7)).startsWith("burst at 2 × ");
        for (JsonNode step : result.get("measures")) {
            assertThat(step.get("records_per_s").asLong()).as(step.get("name").asText()).isPositive();
            if (step.has("probes")) {
                assertThat(step.get("probes").asInt()).as(step.get("name").asText()).isPositive();
                assertThat(step.get("freshness_p99_ms").asLong()).as(step.get("name").asText())
                        .isBetween(0L, Duration.ofMinutes(1).toMillis());
            }
        }
        assertThat(comparison(result, "every record counted (replays and live run)").get("ratio").asDouble())
                .isEqualTo(1.0);
        assertThat(comparison(result, "input rate reached vs the target 400/s")).isNotNull();
        // the bench's own runs are in the send reports: the catch-up backlog and the six live steps
        assertThat(SendReports.all(DataDir.of(config))).hasSize(7);
    }

    private static JsonNode comparison(JsonNode result, String metric) {
        for (JsonNode c : result.get("comparisons")) {
            if (c.get("metric").asText().equals(metric)) {
                return c;
            }
        }
        throw new AssertionError("no comparison \"" + metric + "\" in " + result.get("comparisons"));
    }
}
