package io.alluvium.flink.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.flink.run.CheckpointHistory;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.testing.BronzeRows;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.Reconciliation;
import io.alluvium.flink.testing.SentRecords;
import io.alluvium.runtime.ChildProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing job run in this JVM until caught up, against a real broker and catalog, over successive
 * runs that share one platform: each run must land exactly what was sent since the previous one, whether
 * it resumes the previous run's savepoint or has lost all of its state.
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

        // every checkpoint is in the job's history, as the doctor reads it (docs/doctor.md#streaming)
        Path history = LandingTarget.bronze(platform.config()).stateDir().resolve(CheckpointHistory.FILE);
        List<JsonNode> checkpoints = new ArrayList<>();
        for (String line : Files.readAllLines(history)) {
            checkpoints.add(new ObjectMapper().readTree(line));
        }
        assertThat(checkpoints).as(history.toString()).hasSizeGreaterThanOrEqualTo(result.get("checkpoints").asInt())
                .allSatisfy(c -> assertThat(c.path("duration_ms").asLong()).isNotNegative());
        assertThat(checkpoints).filteredOn(c -> c.path("status").asText().equals("COMPLETED")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.path("full_bytes").asLong()).as(c.toString()).isPositive());
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
    void anUnknownArgumentIsBadInput() {
        assertThatThrownBy(() -> StreamingJobMain.untilCaughtUp(new String[] {"--until-cought-up"}, "LandingJobMain"))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("unknown argument \"--until-cought-up\"");
        assertThat(StreamingJobMain.untilCaughtUp(new String[0], "LandingJobMain")).isFalse();
        assertThat(StreamingJobMain.untilCaughtUp(new String[] {"--until-caught-up"}, "LandingJobMain")).isTrue();
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
