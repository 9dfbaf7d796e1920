package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.RealtimePlatform;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.Progress;
import io.alluvium.generator.SendReports;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bench realtime} end to end on a small load, on the real broker and redis-server: the replays alternate
 * and report their medians, the replays and the live job count every record in the topics, every live step sends
 * its records (rendered ahead) and is measured by probes, and the report names each measure and comparison
 * docs/benchmarks.md describes.
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
                .run(RATE, Duration.ofSeconds(1), OptionalLong.of(3000)));

        List<String> measures = new ArrayList<>();
        result.get("measures").forEach(m -> measures.add(m.get("name").asText()));
        assertThat(measures).startsWith(RealtimeBench.SERVING, RealtimeBench.DISCARDING,
                "live at 80/s", "live at 160/s", "live at 240/s", "live at 320/s", "live at 400/s");
        assertThat(result.get("workload").asText()).contains("fixed by --events").contains("live steps of 1 s");
        for (int i = 0; i < 2; i++) {
            JsonNode replay = result.get("measures").get(i);
            JsonNode rounds = replay.get("rounds");
            assertThat(rounds.get("values")).as(replay.toString()).hasSize(AlternatingRounds.MIN_ROUNDS);
            List<Double> sorted = new ArrayList<>();
            rounds.get("values").forEach(v -> sorted.add(v.asDouble()));
            sorted.sort(null);
            assertThat(replay.get("records_per_s").asDouble()).as("the median is the middle round")
                    .isCloseTo(sorted.get(1), within(0.5));
        }
        assertThat(comparison(result, "throughput: serving store vs discarding sink").get("ratio").asDouble())
                .as("the ratio of the medians").isCloseTo(result.at("/measures/0/rounds/median").asDouble()
                        / result.at("/measures/1/rounds/median").asDouble(), within(0.001));
        for (JsonNode step : result.get("measures")) {
            assertThat(step.get("records_per_s").asLong()).as(step.get("name").asText()).isPositive();
            if (step.has("probes")) {
                assertThat(step.has("overloaded")).as("1 s steps of a few hundred events/s: " + step).isFalse();
                assertThat(step.get("probes").asInt()).as(step.get("name").asText()).isPositive();
                assertThat(step.get("freshness_p99_ms").asLong()).as(step.get("name").asText())
                        .isBetween(0L, Duration.ofMinutes(1).toMillis());
                assertThat(step.get("all_counted_after_load_s").isNumber()).as(step.toString()).isTrue();
            }
        }
        List<String> notes = new ArrayList<>();
        result.get("notes").forEach(n -> notes.add(n.asText()));
        if (measures.size() == 8) {
            assertThat(measures.get(7)).startsWith("burst at 2 × ");
            assertThat(notes).anyMatch(n -> n.startsWith("highest sustained step (freshness p99 <= 1 s, not "
                    + "overloaded): live at "));
        } else {
            assertThat(measures).hasSize(7);
            assertThat(notes).contains("no burst: no step was sustained (freshness p99 <= 1 s, not overloaded)");
        }
        assertThat(comparison(result, "every record counted (replays and live run)").get("ratio").asDouble())
                .isEqualTo(1.0);
        assertThat(comparison(result, "input rate reached vs the target 400/s")).isNotNull();
        JsonNode sustained = comparison(result, "highest sustained step vs 60,000/s");
        assertThat(sustained.get("ratio").asDouble()).as("a few hundred events/s of 60,000").isLessThan(0.01);
        assertThat(sustained.get("met").asBoolean()).isFalse();
        // the bench's own runs are in the send reports: the records replayed and one per live step
        assertThat(SendReports.all(DataDir.of(config))).hasSize(1 + measures.size() - 2);
    }

    @Test
    void realtimeBenchArgumentsDefaultToThirtySecondStepsAndSizedReplays() {
        assertThat(RealtimeBenchMain.parse(new String[0])).isEqualTo(new RealtimeBenchMain.Args(60_000,
                Duration.ofSeconds(30), OptionalLong.empty()));
        assertThat(RealtimeBenchMain.parse(new String[] {"--events", "3000", "--rate", "400", "--seconds", "2"}))
                .isEqualTo(new RealtimeBenchMain.Args(400, Duration.ofSeconds(2), OptionalLong.of(3000)));
        assertThatThrownBy(() -> RealtimeBenchMain.parse(new String[] {"--seconds", "0"}))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("--seconds must be a whole number between 1 and 3600, got \"0\"");
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
