package io.alluvium.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one generator run sent, per topic, counting only records the broker acknowledged, and the fraud
 * cases it planted (those whose triggering record was acknowledged): the generator's side of
 * reconciliation and of the fraud rules' proof, written to
 * {@code <data.dir>/reports/generator/<run-id>.json} in the shape docs/events.md shows. A failed run
 * still writes one (with {@code error}), because what it did send is in Kafka and will reach Bronze.
 */
public record SendReport(String runId, long seed, Instant startedAt, Instant finishedAt, Map<Topic, TopicCounts> topics,
                         List<PlantedFraud> plantedFraud, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public SendReport {
        Map<Topic, TopicCounts> all = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            all.put(t, topics.getOrDefault(t, TopicCounts.ZERO));
        }
        topics = Map.copyOf(all);
        plantedFraud = List.copyOf(plantedFraud);
    }

    public static Path folder(DataDir dataDir) {
        return dataDir.reports().resolve("generator");
    }

    public static String runIdOf(Instant startedAt, long seed) {
        return RUN_ID_TIME.format(startedAt) + "-" + seed;
    }

    public TopicCounts counts(Topic topic) {
        return topics.get(topic);
    }

    /** Total records acknowledged, all topics. */
    public long sent() {
        return topics.values().stream().mapToLong(TopicCounts::sent).sum();
    }

    /**
     * Writes the report under a new file; a run id already taken (two runs in one second, same seed)
     * gets a suffix rather than overwriting the other run's counts.
     */
    public SendReport writeTo(DataDir dataDir) {
        try {
            Files.createDirectories(folder(dataDir));
            for (int n = 1; ; n++) {
                String id = n == 1 ? runId : runId + "-" + n;
                Path file = folder(dataDir).resolve(id + ".json");
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                SendReport written = new SendReport(id, seed, startedAt, finishedAt, topics, plantedFraud, error);
                JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), written.toJson());
                return written;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generator report under " + folder(dataDir), e);
        }
    }

    public Path path(DataDir dataDir) {
        return folder(dataDir).resolve(runId + ".json");
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", runId);
        root.put("seed", seed);
        root.put("started_at", startedAt.toString());
        root.put("finished_at", finishedAt.toString());
        if (error != null) {
            root.put("error", error);
        }
        ObjectNode perTopic = root.putObject("topics");
        for (Topic t : Topic.values()) {
            TopicCounts c = topics.get(t);
            ObjectNode n = perTopic.putObject(t.topicName());
            n.put("sent", c.sent());
            n.put("distinct", c.distinct());
            n.put("duplicates", c.duplicates());
            n.put("malformed", c.malformed());
            ObjectNode reasons = n.putObject("malformed_by_reason");
            c.malformedByReason().forEach(reasons::put);
            n.put("late", c.late());
            n.put("schema_v2", c.schemaV2());
            n.put("bytes", c.bytes());
        }
        ArrayNode planted = root.putArray("planted_fraud");
        for (PlantedFraud p : plantedFraud) {
            ObjectNode n = planted.addObject();
            n.put("rule", p.rule().code());
            n.put("alert_id", p.alertId());
            n.put("trigger_event_id", p.triggerEventId());
            p.eventIds().forEach(n.putArray("event_ids")::add);
            n.put("user_id", p.userId());
            n.put("card_fingerprint", p.cardFingerprint());
            n.put("event_ts", p.eventTs().toString());
        }
        return root;
    }

    public static SendReport read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<Topic, TopicCounts> topics = new EnumMap<>(Topic.class);
            for (Map.Entry<String, JsonNode> e : root.path("topics").properties()) {
                topics.put(Topic.fromName(e.getKey()), countsOf(e.getValue()));
            }
            List<PlantedFraud> planted = new ArrayList<>();
            for (JsonNode p : root.path("planted_fraud")) {
                List<String> eventIds = new ArrayList<>();
                p.path("event_ids").forEach(id -> eventIds.add(id.asText()));
                planted.add(new PlantedFraud(FraudRule.ofCode(p.path("rule").asText()),
                        p.path("trigger_event_id").asText(), eventIds, p.path("user_id").asText(),
                        p.path("card_fingerprint").asText(), Instant.parse(p.path("event_ts").asText())));
            }
            return new SendReport(root.path("run_id").asText(), root.path("seed").asLong(),
                    Instant.parse(root.path("started_at").asText()), Instant.parse(root.path("finished_at").asText()),
                    topics, planted, root.hasNonNull("error") ? root.get("error").asText() : null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("unreadable generator report " + file + ": " + e.getMessage(), e);
        }
    }

    private static TopicCounts countsOf(JsonNode n) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        n.path("malformed_by_reason").properties().forEach(e -> reasons.put(e.getKey(), e.getValue().asLong()));
        return new TopicCounts(n.path("sent").asLong(), n.path("distinct").asLong(), n.path("duplicates").asLong(),
                n.path("malformed").asLong(), reasons, n.path("late").asLong(), n.path("schema_v2").asLong(),
                n.path("bytes").asLong());
    }
}
