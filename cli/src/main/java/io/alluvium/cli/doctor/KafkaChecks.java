package io.alluvium.cli.doctor;

import io.alluvium.doctor.Finding;
import io.alluvium.doctor.Finding.Severity;
import io.alluvium.domain.StreamJob;
import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The doctor's checks of the Kafka log (docs/doctor.md#kafka): partitions of a topic that hold much more than their
 * share, a key so frequent that its partition is hot whatever the partitioner does, and consumer groups of the
 * platform's stream jobs that are behind the log.
 */
final class KafkaChecks {
    /** A partition is hot from this many times its topic's mean records (or bytes). */
    static final double IMBALANCE_AT_LEAST = 1.5;
    /** Topics with fewer records are too small for their balance to mean anything. */
    static final long IMBALANCE_MIN_RECORDS = 1_000;
    /** Keys are counted among the newest this many records of each partition. */
    static final int KEY_SAMPLE_PER_PARTITION = 1_000;
    /** A group this many records behind is a warning; fewer, a note. */
    static final long LAG_AT_LEAST = 10_000;

    private final KafkaLog log;

    KafkaChecks(KafkaLog log) {
        this.log = log;
    }

    List<Finding> check() {
        List<Finding> findings = new ArrayList<>();
        Map<Topic, List<KafkaLog.Partition>> topics = log.topics();
        topics.forEach((topic, partitions) -> {
            imbalance(topic, partitions).ifPresent(findings::add);
            hotKey(topic, partitions).ifPresent(findings::add);
        });
        for (StreamJob job : StreamJob.values()) {
            lag(job, topics).ifPresent(findings::add);
        }
        return findings;
    }

    private static Optional<Finding> imbalance(Topic topic, List<KafkaLog.Partition> partitions) {
        long records = partitions.stream().mapToLong(KafkaLog.Partition::records).sum();
        if (partitions.size() < 2 || records < IMBALANCE_MIN_RECORDS) {
            return Optional.empty();
        }
        long bytes = partitions.stream().mapToLong(KafkaLog.Partition::bytes).sum();
        KafkaLog.Partition hottest = partitions.stream().max(Comparator.comparingLong(KafkaLog.Partition::records))
                .orElseThrow();
        double recordRatio = hottest.records() / (records / (double) partitions.size());
        double byteRatio = bytes == 0 ? 0 : partitions.stream().mapToLong(KafkaLog.Partition::bytes).max().orElse(0)
                / (bytes / (double) partitions.size());
        if (Math.max(recordRatio, byteRatio) < IMBALANCE_AT_LEAST) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Severity.WARNING, "partition-imbalance", topic.topicName(),
                String.format(Locale.ROOT, "partition %d holds %,d of %,d records (max/mean %.2f); bytes max/mean %.2f"
                        + " over %d partitions", hottest.partition(), hottest.records(), records, recordRatio,
                        byteRatio, partitions.size()),
                String.format(Locale.ROOT, "max/mean >= %.1f (records or bytes)", IMBALANCE_AT_LEAST),
                "a topic is read in parallel one partition per consumer: the hot partition's consumer sets the pace and"
                        + " the lag of the whole topic",
                "see hot-key for " + topic.topicName() + "; without one, check the producer's partitioner"));
    }

    private Optional<Finding> hotKey(Topic topic, List<KafkaLog.Partition> partitions) {
        long records = partitions.stream().mapToLong(KafkaLog.Partition::records).sum();
        if (partitions.size() < 2 || records < IMBALANCE_MIN_RECORDS) {
            return Optional.empty();
        }
        Map<Integer, Map<String, Long>> sampled = log.newestKeys(topic, partitions, KEY_SAMPLE_PER_PARTITION);
        // each partition's sample stands for all of its records: a key's share of the topic is the sum over
        // partitions of its share of the sample times the partition's records
        Map<String, Double> estimated = new HashMap<>();
        for (KafkaLog.Partition p : partitions) {
            Map<String, Long> keys = sampled.getOrDefault(p.partition(), Map.of());
            long n = keys.values().stream().mapToLong(Long::longValue).sum();
            keys.forEach((key, count) -> estimated.merge(key, p.records() * count / (double) n, Double::sum));
        }
        if (estimated.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, Double> top = estimated.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        double share = top.getValue() / records;
        double even = 1.0 / partitions.size();
        if (share <= even) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Severity.WARNING, "hot-key", topic.topicName(),
                String.format(Locale.ROOT, "%s \"%s\" is ~%.0f%% of the topic's %,d records (estimated from the"
                                + " newest %,d of each partition)", topic.keyField(), top.getKey(), 100 * share,
                        records, KEY_SAMPLE_PER_PARTITION),
                String.format(Locale.ROOT, "one key > an even partition's share (1/%d = %.1f%%)", partitions.size(),
                        100 * even),
                "all records of a key go to one partition, so no partitioner and no number of partitions spreads"
                        + " this one: it makes a hot partition and a hot task downstream",
                "salt the hot key in the producer (" + topic.keyField() + " + '#' + n, n < k) and merge its k parts"
                        + " downstream, or key " + topic.topicName() + " by a finer field"));
    }

    private Optional<Finding> lag(StreamJob job, Map<Topic, List<KafkaLog.Partition>> topics) {
        Map<TopicPartition, Long> committed = log.committed(job.consumerGroup());
        if (committed.isEmpty()) {
            return Optional.empty(); // the job never ran: nothing is behind it yet
        }
        long behind = 0;
        List<String> perTopic = new ArrayList<>();
        for (Map.Entry<Topic, List<KafkaLog.Partition>> t : topics.entrySet()) {
            long topicBehind = 0;
            for (KafkaLog.Partition p : t.getValue()) {
                long from = Math.max(p.earliest(), committed.getOrDefault(
                        new TopicPartition(t.getKey().topicName(), p.partition()), p.earliest()));
                topicBehind += Math.max(0, p.latest() - from);
            }
            behind += topicBehind;
            if (topicBehind > 0) {
                perTopic.add(String.format(Locale.ROOT, "%s %,d", t.getKey().topicName(), topicBehind));
            }
        }
        if (behind == 0) {
            return Optional.empty();
        }
        return Optional.of(new Finding(behind >= LAG_AT_LEAST ? Severity.WARNING : Severity.INFO,
                "consumer-lag", job.consumerGroup(),
                String.format(Locale.ROOT, "%,d records in Kafka not yet consumed by the %s job (%s)", behind,
                        job.jobName(), String.join(", ", perTopic)),
                String.format(Locale.ROOT, ">= %,d records waiting is a warning", LAG_AT_LEAST),
                job == StreamJob.LANDING
                        ? "Bronze, and every layer built on it, is behind the log; records the log ages out before"
                        + " landing reads them are lost"
                        : "the serving store's views are behind the log: the speed layer is not showing what just"
                        + " happened",
                "alluvium stream start " + job.jobName() + " --until-caught-up"));
    }
}
