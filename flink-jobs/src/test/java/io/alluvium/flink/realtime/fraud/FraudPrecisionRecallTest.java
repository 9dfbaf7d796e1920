package io.alluvium.flink.realtime.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.RealtimeJob;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.ServedAlerts;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.PlantedFraud;
import io.alluvium.generator.Progress;
import io.alluvium.generator.SendReport;
import io.alluvium.generator.TopicCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The fraud rules' proof on generated traffic: the generator (in this JVM, as {@code alluvium generate}
 * runs it) sends a run with planted fraud and its usual faults (duplicates, late and malformed records)
 * into a real broker with three partitions per topic; the realtime job runs until caught up with
 * parallelism 2; the alerts in the real redis-server must be exactly the planted cases of the run's
 * report, field for field: precision and recall 1.0. A second generator run, read by a job that resumes
 * the savepoint, adds its own cases and nothing else; a job that lost all its state replays both runs
 * into the very same alerts and counts (which payments came too late included).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudPrecisionRecallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    private static EmbeddedPlatform platform;
    private static final List<PlantedFraud> PLANTED = new ArrayList<>();
    private static final Map<Topic, TopicCounts> SENT = new HashMap<>();
    private static Map<String, Map<String, String>> alertsAfterSecondRun;
    private static JsonNode countsAfterSecondRun;

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.startWithServingStore(dataDir, Map.of(
                "realtime.parallelism", "2",
                "realtime.checkpoint-interval", "1s",
                "generator.events", "6000",
                "generator.fraud-rate", "0.02"));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theAlertsOfARunAreExactlyItsPlantedCases() throws Exception {
        generate();

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isTrue();
        Map<FraudRule, Long> perRule = new TreeMap<>();
        PLANTED.forEach(p -> perRule.merge(p.rule(), 1L, Long::sum));
        assertThat(perRule).containsOnlyKeys(FraudRule.values());
        assertAlertsArePlanted();
        for (FraudRule rule : FraudRule.values()) {
            assertThat(result.get("counts").get(Alert.COUNTS).get(rule.code()).asLong()).as(rule.code())
                    .isEqualTo(perRule.get(rule));
        }
        TopicCounts payments = SENT.get(Topic.PAYMENTS);
        JsonNode counted = result.get("counts").get(Topic.PAYMENTS.topicName());
        assertThat(counted.get("valid").asLong()).isEqualTo(payments.distinct() - payments.malformed());
        assertThat(counted.get("duplicate").asLong()).isEqualTo(payments.duplicates());
        payments.malformedByReason().forEach((reason, n) ->
                assertThat(counted.path("rejected:" + reason).asLong()).as(reason).isEqualTo(n));
    }

    @Test
    @Order(2)
    void aRunThatResumesItsSavepointAddsTheNextRunsCasesAndNothingElse() throws Exception {
        generate();

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isFalse();
        assertAlertsArePlanted();
        alertsAfterSecondRun = alerts();
        countsAfterSecondRun = result.get("counts");
    }

    @Test
    @Order(3)
    void aRunThatLostItsStateReplaysBothRunsIntoTheSameAlerts() throws Exception {
        try (Stream<Path> files = Files.walk(RealtimeJob.stateDir(platform.config()));
             Jedis redis = redis()) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            redis.flushAll(); // nothing of the earlier runs left to be mistaken for the replay's
        }

        JsonNode result = runUntilCaughtUp();

        assertThat(result.get("resumed_from").isNull()).isTrue();
        assertThat(alerts()).isEqualTo(alertsAfterSecondRun);
        assertThat(result.get("counts")).isEqualTo(countsAfterSecondRun);
    }

    /** One generator run, as alluvium generate sends it; its planted cases and counts are remembered. */
    private static void generate() throws InterruptedException {
        AlluviumConfig config = platform.config();
        SendReport report = KafkaPublisher.of(config).publish(new EventGenerator(GeneratorPlan.from(config)),
                Progress.NONE);
        PLANTED.addAll(report.plantedFraud());
        report.topics().forEach((topic, counts) -> SENT.merge(topic, counts, TopicCounts::plus));
    }

    /** Every alert in the store is a planted case, every planted case is there, with the same facts. */
    private static void assertAlertsArePlanted() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (PlantedFraud p : PLANTED) {
            expected.put(p.alertId(), facts(p.rule().code(), p.userId(), p.cardFingerprint(), p.eventTs().toString(),
                    p.eventIds()));
        }
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, Map<String, String>> e : alerts().entrySet()) {
            Map<String, String> h = e.getValue();
            List<String> ids = new ArrayList<>();
            JSON.readTree(h.get("event_ids")).forEach(id -> ids.add(id.asText()));
            found.put(e.getKey(), facts(h.get("rule"), h.get("user_id"), h.get("card_fingerprint"), h.get("event_ts"),
                    ids));
        }
        Set<Map.Entry<String, String>> right = new HashSet<>(found.entrySet());
        right.retainAll(expected.entrySet());
        System.out.printf("fraud alerts: %d found, %d planted, %d right: precision %.3f, recall %.3f%n",
                found.size(), expected.size(), right.size(), (double) right.size() / found.size(),
                (double) right.size() / expected.size());
        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
    }

    private static String facts(String rule, String user, String card, String eventTs, List<String> eventIds) {
        return rule + " " + user + " " + card + " " + eventTs + " " + eventIds;
    }

    private static JsonNode runUntilCaughtUp() throws Exception {
        String json = new RealtimeJob(platform.config()).run(true, new ProtocolCapture().protocol(), new StopRequest());
        System.out.println("realtime run: " + json);
        return JSON.readTree(json);
    }

    private static Map<String, Map<String, String>> alerts() {
        try (Jedis redis = redis()) {
            return ServedAlerts.hashes(redis);
        }
    }

    private static Jedis redis() {
        return ServingStoreAddress.of(platform.config()).connect();
    }
}
