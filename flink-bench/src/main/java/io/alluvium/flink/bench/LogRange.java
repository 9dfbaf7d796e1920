package io.alluvium.flink.bench;

import io.alluvium.flink.run.KafkaLogEnds;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The records the landing bench measures: every partition of the three topics, from its first kept
 * offset to its end offset when the bench started. Every contender reads exactly this range, so that all
 * of them see the same records whatever is appended meanwhile.
 *
 * @param start first offset of each partition (inclusive)
 * @param end   end offset of each partition (exclusive)
 */
record LogRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

    LogRange {
        start = Map.copyOf(start);
        end = Map.copyOf(end);
    }

    /** The range of the log as it is now. */
    static LogRange current(KafkaLogEnds log) {
        return new LogRange(log.earliest(), log.latest());
    }

    /** Partitions with at least one offset in the range. */
    Set<TopicPartition> partitions() {
        return end.keySet().stream().filter(tp -> end(tp) > start(tp)).collect(Collectors.toUnmodifiableSet());
    }

    long start(TopicPartition tp) {
        return start.getOrDefault(tp, 0L);
    }

    long end(TopicPartition tp) {
        return end.getOrDefault(tp, 0L);
    }

    /** Offsets in the range: the record count, unless transaction markers or compaction left gaps. */
    long offsets() {
        return end.keySet().stream().mapToLong(tp -> Math.max(0, end(tp) - start(tp))).sum();
    }
}
