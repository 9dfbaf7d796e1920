package io.alluvium.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.runtime.ChildProtocol;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing job run in this JVM until caught up, against a real broker and catalog, over successive
 * runs that share one platform: each run must land exactly what was sent since the previous one, whether
 * it resumes the previous run's savepoint or has lost all of its state. Last, the landing bench runs on
 * everything sent: its three contenders must count exactly the records sent, and Bronze must be as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LandingJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    private static EmbeddedPlatform platform;
    private static SentRecords producer;

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.start(dataDir, Map.of("landing.checkpoint-interval", "1s"));
        producer = new SentRecords(platform.config());
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
    @Order(1)
    void firstRunLandsEveryRecordOnceWithItsPayloadAsSent() throws Exception {
        producer.send(99_999);

        ProtocolCapture out = new ProtocolCapture();
        JsonNode result = runUntilCaughtUp(out);

        System.out.println("landing, first run: " + result);
        assertThat(result.get("rows_committed").asLong()).isEqualTo(99_999);
        assertThat(result.get("topics").get("orders").get("rows_committed").asLong()).isEqualTo(33_333);
        assertThat(result.get("checkpoints").asInt()).isPositive();
        assertThat(result.get("caught_up").asBoolean()).isTrue();
        assertThat(result.get("restored_from").isNull()).isTrue();
        List<ChildProtocol.Message> progress = out.messages();
        assertThat(progress).isNotEmpty().allMatch(m -> m.kind() == ChildProtocol.Kind.PROGRESS);
        assertThat(progress.get(progress.size() - 1)).extracting(ChildProtocol.Message::done,
                ChildProtocol.Message::total).containsExactly(99_999L, 99_999L);
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    @Test
    @Order(2)
    void nextRunResumesTheFinalSavepointAndLandsOnlyWhatIsNew() throws Exception {
        producer.send(9_000);

        JsonNode result = runUntilCaughtUp(new ProtocolCapture());

        assertThat(result.get("restored_from").asText()).contains("savepoint");
        assertThat(result.get("rows_committed").asLong()).isEqualTo(9_000);
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    @Test
    @Order(3)
    void aRunWithoutAnyStateStartsAfterWhatBronzeHolds() throws Exception {
        deleteRecursively(LandingTarget.bronze(platform.config()).stateDir());
        producer.send(3_000);

        JsonNode result = runUntilCaughtUp(new ProtocolCapture());

        assertThat(result.get("restored_from").isNull()).isTrue();
        assertThat(result.get("rows_committed").asLong()).isEqualTo(3_000);
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    @Test
    @Order(4)
    void aRunWithNothingNewEndsAtOnce() throws Exception {
        JsonNode result = runUntilCaughtUp(new ProtocolCapture());

        assertThat(result.get("rows_committed").asLong()).isZero();
        assertThat(result.get("caught_up").asBoolean()).isTrue();
        assertThat(result.get("seconds").asDouble()).isLessThan(10);
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    @Test
    @Order(5)
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a landing that never catches up fails here, not in CI's limit
    void theBenchLandsEveryRecordThreeWaysAndLeavesBronzeAsItWas() throws Exception {
        List<SentRecords.Sent> sent = producer.all();
        long sentBytes = sent.stream().mapToLong(s -> utf8Length(s.key()) + utf8Length(s.payload())).sum();
        ProtocolCapture out = new ProtocolCapture();

        JsonNode result = JSON.readTree(new LandingBench(platform.config(), 2, out.protocol()).run(sent.size()));

        System.out.println("landing bench: " + result);
        assertThat(result.get("bench").asText()).isEqualTo("landing");
        assertThat(result.get("records").asLong()).isEqualTo(sent.size());
        assertThat(result.get("bytes").asLong()).isEqualTo(sentBytes);
        JsonNode measures = result.get("measures");
        assertThat(measures).extracting(m -> m.get("name").asText()).containsExactly(LandingBenchReport.FLINK,
                LandingBenchReport.CEILING, LandingBenchReport.PLAIN);
        for (JsonNode m : measures) {
            assertThat(m.get("rows").asLong()).as(m.get("name").asText()).isEqualTo(sent.size());
            assertThat(m.get("rows_per_s").asDouble()).isPositive().isEqualTo(m.get("records_per_s").asDouble());
            assertThat(m.get("mb_per_s").asDouble()).isPositive();
            assertThat(m.get("seconds").asDouble()).isPositive()
                    .isGreaterThanOrEqualTo(m.get("reading_seconds").asDouble())
                    .isLessThanOrEqualTo(m.get("whole_run_seconds").asDouble());
            assertThat(m.get("rounds_rows_per_s")).hasSize(2);
        }
        JsonNode job = measures.get(0);
        assertThat(job.get("commit_latency_p50_ms").asLong()).isPositive()
                .isLessThanOrEqualTo(job.get("commit_latency_max_ms").asLong());
        JsonNode comparisons = result.get("comparisons");
        assertThat(comparisons).extracting(c -> c.get("metric").asText()).containsExactly("landing vs read ceiling",
                "landing vs plain-Java writer", "commit latency max vs checkpoint interval + 2 s",
                "same rows in all three");
        assertThat(comparisons).allSatisfy(c -> {
            assertThat(c.get("ratio").asDouble()).isPositive();
            assertThat(c.get("met").isBoolean()).isTrue();
        });
        assertThat(comparisons.get(3).get("met").asBoolean()).isTrue();
        assertThat(out.messages()).extracting(ChildProtocol.Message::text)
                .contains("round 2/2: read ceiling", "round 2/2: plain-Java Iceberg writer", "landing");
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), sent);
        assertThat(ScratchNamespaces.exist(platform.config())).as("scratch namespaces left behind").isEmpty();
    }

    @Test
    void anUnknownArgumentIsBadInput() {
        assertThatThrownBy(() -> LandingJobMain.untilCaughtUp(new String[] {"--until-cought-up"}))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("unknown argument \"--until-cought-up\"");
        assertThat(LandingJobMain.untilCaughtUp(new String[0])).isFalse();
        assertThat(LandingJobMain.untilCaughtUp(new String[] {"--until-caught-up"})).isTrue();
    }

    @Test
    void badBenchArgumentsAreBadInput() {
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--rounds", "0"}))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("--rounds must be a whole number between 1 and 20, got \"0\"");
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--events"}))
                .isInstanceOf(ChildProtocol.BadInputException.class).hasMessageContaining("--events needs a number");
        assertThatThrownBy(() -> LandingBenchMain.parse(new String[] {"--round", "3"}))
                .isInstanceOf(ChildProtocol.BadInputException.class).hasMessageContaining("unknown argument \"--round\"");
        assertThat(LandingBenchMain.parse(new String[0])).isEqualTo(new LandingBenchMain.Args(2, 0));
        assertThat(LandingBenchMain.parse(new String[] {"--events", "5000", "--rounds", "3"}))
                .isEqualTo(new LandingBenchMain.Args(3, 5000));
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode runUntilCaughtUp(ProtocolCapture out) throws Exception {
        return JSON.readTree(new LandingJob(platform.config()).run(true, out.protocol(), new StopRequest()));
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
