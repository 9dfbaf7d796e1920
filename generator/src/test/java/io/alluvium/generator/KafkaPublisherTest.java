package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publishes a faulty run to a real broker, reads every topic back and reconciles it with the report. */
class KafkaPublisherTest {
    @TempDir
    Path root;

    /** {@code renderedAhead}: the records are made into a list first, as the realtime bench sends its load. */
    @ParameterizedTest(name = "rendered ahead: {0}")
    @ValueSource(booleans = {false, true})
    void whatTheBrokerHoldsIsExactlyWhatTheReportSays(boolean renderedAhead) throws Exception {
        GeneratorPlan plan = EventGeneratorTest.plan(Map.of("generator.events", "30000",
                "generator.duplicate-rate", "0.05", "generator.malformed-rate", "0.05", "generator.late-rate", "0.03"));
        DataDir dataDir = new DataDir(root);
        try (BrokerProcess broker = BrokerProcess.start(root)) {
            AtomicLong lastProgress = new AtomicLong();
            long start = System.nanoTime();
            KafkaPublisher publisher = new KafkaPublisher(broker.bootstrapServers(), dataDir);
            Progress progress = (done, total) -> lastProgress.set(done);
            List<GeneratedRecord> rendered = new ArrayList<>();
            if (renderedAhead) {
                new EventGenerator(plan).all().forEachRemaining(rendered::add);
            }
            SendReport report = renderedAhead ? publisher.publish(plan, rendered.iterator(), progress)
                    : publisher.publish(new EventGenerator(plan), progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("published %d records in %.2f s = %.0f records/s%n", report.sent(), seconds,
                    report.sent() / seconds);

            assertThat(report.sent()).isEqualTo(plan.totalRecords());
            assertThat(lastProgress.get()).isEqualTo(plan.totalRecords());
            assertThat(SendReports.total(dataDir)).isEqualTo(report.topics());
            for (Topic topic : Topic.values()) {
                List<ConsumerRecord<String, byte[]>> log = readAll(broker.bootstrapServers(), topic);
                assertThat(multiset(log)).as("%s: the generated records, each as often", topic)
                        .isEqualTo(multiset(new EventGenerator(plan).records(topic)));
                assertThat(countsOf(topic, log)).as("%s reconciled", topic).isEqualTo(report.counts(topic));
            }
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerFailsTheRunAndStillWritesTheReport() throws Exception {
        DataDir dataDir = new DataDir(root);
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = s.getLocalPort();
        }
        KafkaPublisher publisher = new KafkaPublisher("127.0.0.1:" + nobody, dataDir,
                Map.of("max.block.ms", "1500", "delivery.timeout.ms", "1500", "request.timeout.ms", "1000",
                        "linger.ms", "0"));

        assertThatThrownBy(() -> publisher.publish(new EventGenerator(EventGeneratorTest.plan(
                Map.of("generator.events", "100"))), Progress.NONE))
                .isInstanceOf(KafkaPublisher.PublishException.class)
                .hasMessageContaining("failed after 0 of 100 records");
        SendReport written = SendReports.all(dataDir).get(0);
        assertThat(written.error()).contains("127.0.0.1:" + nobody);
        assertThat(written.sent()).isZero();
    }

    private static final long HOUR = 3_600_000L;

    /**
     * Classifies what the broker holds, partition by partition in offset order: a duplicate shares its
     * original's key, so it follows it in the same partition; a late event lies hours behind the latest
     * event time already seen in its partition (late events are 2-48 h behind, partitions are dense).
     */
    private static TopicCounts countsOf(Topic topic, List<ConsumerRecord<String, byte[]>> log) {
        Set<ByteBuffer> valid = new HashSet<>();
        long duplicates = 0;
        long late = 0;
        long v2 = 0;
        long bytes = 0;
        Map<String, Long> reasons = new HashMap<>();
        Map<Integer, Long> latestTs = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : log) {
            bytes += r.value().length;
            ByteBuffer value = ByteBuffer.wrap(r.value());
            if (valid.contains(value)) {
                duplicates++;
                continue;
            }
            Reason reason = ContractCheck.classify(topic, r.value());
            if (reason != null) {
                reasons.merge(reason.code(), 1L, Long::sum);
                continue;
            }
            valid.add(value);
            var event = ContractCheck.parse(r.value());
            v2 += event.has("coupon_code") ? 1 : 0;
            long ts = Instant.parse(event.get("event_ts").asText()).toEpochMilli();
            long latest = latestTs.merge(r.partition(), ts, Math::max);
            late += ts < latest - HOUR ? 1 : 0;
        }
        long malformed = reasons.values().stream().mapToLong(Long::longValue).sum();
        return new TopicCounts(log.size(), log.size() - duplicates, duplicates, malformed, reasons, late, v2, bytes);
    }

    private static Map<ByteBuffer, Integer> multiset(Iterable<ConsumerRecord<String, byte[]>> log) {
        Map<ByteBuffer, Integer> m = new HashMap<>();
        log.forEach(r -> m.merge(ByteBuffer.wrap(r.value()), 1, Integer::sum));
        return m;
    }

    private static Map<ByteBuffer, Integer> multiset(Iterator<GeneratedRecord> records) {
        Map<ByteBuffer, Integer> m = new HashMap<>();
        records.forEachRemaining(r -> {
            m.merge(ByteBuffer.wrap(r.value()), 1, Integer::sum);
        });
        return m;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Topic topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            for (TopicPartition tp : partitions) {
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(all::add);
                }
            }
        }
        return all;
    }
}
