package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.flink.landing.LandingJob;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.testing.BronzeRows;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.Reconciliation;
import io.alluvium.flink.testing.SentRecords;
import io.alluvium.runtime.ChildProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing bench on a real broker and catalog, over records the landing job has already put in Bronze:
 * its three contenders must count exactly the records sent, and Bronze must be as before.
 */
class LandingBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    private static EmbeddedPlatform platform;
    private static SentRecords producer;

    @BeforeAll
    static void startPlatformAndLand() throws Exception {
        platform = EmbeddedPlatform.start(dataDir, Map.of("landing.checkpoint-interval", "1s"));
        producer = new SentRecords(platform.config());
        producer.send(30_000);
        new LandingJob(platform.config()).run(true, new ProtocolCapture().protocol(), new StopRequest());
    }

    @AfterAll
    static void stopPlatform() {
        if (producer != null) {
            producer.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a landing that never catches up fails here, not in CI's limit
    void theBenchLandsEveryRecordThreeWaysAndLeavesBronzeAsItWas() throws Exception {
        List<SentRecords.Sent> sent = producer.all();
        long sentBytes = sent.stream().mapToLong(s -> utf8Length(s.key()) + utf8Length(s.payload())).sum();
        ProtocolCapture out = new ProtocolCapture();

        JsonNode result = JSON.readTree(new LandingBench(platform.config(), AlternatingRounds.MIN_ROUNDS,
                out.protocol()).run(OptionalLong.of(sent.size())));

        System.out.println("landing bench: " + result);
        assertThat(result.get("bench").asText()).isEqualTo("landing");
        assertThat(result.get("records").asLong()).isEqualTo(sent.size());
        assertThat(result.get("bytes").asLong()).isEqualTo(sentBytes);
        assertThat(result.get("workload").asText()).endsWith("records per round, fixed by --events");
        JsonNode measures = result.get("measures");
        assertThat(measures).extracting(m -> m.get("name").asText()).containsExactly(LandingBenchReport.FLINK,
                LandingBenchReport.CEILING, LandingBenchReport.PLAIN);
        for (JsonNode m : measures) {
            String name = m.get("name").asText();
            assertThat(m.get("rows").asLong()).as(name).isEqualTo(sent.size());
            assertThat(m.get("rows_per_s").asDouble()).isPositive().isEqualTo(m.get("records_per_s").asDouble());
            assertThat(m.get("mb_per_s").asDouble()).isPositive();
            assertThat(m.get("seconds").asDouble()).isPositive()
                    .isGreaterThanOrEqualTo(m.get("reading_seconds").asDouble())
                    .isLessThanOrEqualTo(m.get("whole_run_seconds").asDouble());
            JsonNode rounds = m.get("rounds");
            assertThat(rounds.get("values")).as(name).hasSize(AlternatingRounds.MIN_ROUNDS);
            List<Double> sorted = new ArrayList<>();
            rounds.get("values").forEach(v -> sorted.add(v.asDouble()));
            sorted.sort(null);
            assertThat(m.get("records_per_s").asDouble()).as(name + ": the median is the middle round")
                    .isCloseTo(sorted.get(1), within(0.1));
            assertThat(rounds.get("min").asDouble()).isEqualTo(sorted.get(0));
            assertThat(rounds.get("max").asDouble()).isEqualTo(sorted.get(2));
            assertThat(rounds.get("warning").asText()).as(name + ": 30,000 records make short rounds")
                    .isEqualTo("round shorter than 10 s: unstable");
        }
        JsonNode job = measures.get(0);
        assertThat(job.get("commit_latency_p50_ms").asLong()).isPositive()
                .isLessThanOrEqualTo(job.get("commit_latency_max_ms").asLong());
        assertThat(measures.get(1).get("passes_per_round_median").asInt()).as("fixed work: one read per round")
                .isEqualTo(1);
        JsonNode comparisons = result.get("comparisons");
        assertThat(comparisons).extracting(c -> c.get("metric").asText()).containsExactly("landing vs read ceiling",
                "landing vs plain-Java writer", "commit latency max vs checkpoint interval + 2 s",
                "same rows in all three");
        assertThat(comparisons).allSatisfy(c -> {
            assertThat(c.get("ratio").asDouble()).isPositive();
            assertThat(c.get("met").isBoolean()).isTrue();
        });
        assertThat(comparisons.get(0).get("ratio").asDouble()).as("ratio of the medians").isCloseTo(
                job.get("records_per_s").asDouble() / measures.get(1).get("records_per_s").asDouble(), within(0.002));
        assertThat(comparisons.get(1).get("ratio").asDouble()).isCloseTo(
                job.get("records_per_s").asDouble() / measures.get(2).get("records_per_s").asDouble(), within(0.002));
        assertThat(comparisons.get(3).get("met").asBoolean()).isTrue();
        List<String> rounds = out.messages().stream().map(ChildProtocol.Message::text)
                .filter(text -> text.startsWith("round ")).distinct().toList();
        List<String> alternating = new ArrayList<>();
        for (int round = 1; round <= AlternatingRounds.MIN_ROUNDS; round++) {
            for (String contender : List.of(LandingBenchReport.CEILING, LandingBenchReport.PLAIN,
                    LandingBenchReport.FLINK)) {
                alternating.add("round " + round + "/" + AlternatingRounds.MIN_ROUNDS + ": " + contender);
            }
        }
        assertThat(rounds).as("rounds alternate a b c, a b c, ...").containsExactlyElementsOf(alternating);
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), sent);
        assertThat(ScratchNamespaces.exist(platform.config())).as("scratch namespaces left behind").isEmpty();
    }

    @Test
    void badBenchArgumentsAreBadInput() {
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--rounds", "2"}))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("--rounds must be a whole number between 3 and 20, got \"2\"");
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--events"}))
                .isInstanceOf(ChildProtocol.BadInputException.class).hasMessageContaining("--events needs a number");
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--round", "3"}))
                .isInstanceOf(ChildProtocol.BadInputException.class).hasMessageContaining("unknown argument \"--round\"");
        assertThat(LandingBenchMain.parse(new String[0]))
                .isEqualTo(new LandingBenchMain.Args(3, OptionalLong.empty()));
        assertThat(LandingBenchMain.parse(new String[] {"--events", "5000", "--rounds", "4"}))
                .isEqualTo(new LandingBenchMain.Args(4, OptionalLong.of(5000)));
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
