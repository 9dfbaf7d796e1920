package io.alluvium.flink.landing;

import io.alluvium.domain.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far landing is from a target position of the log (the end offsets when the run started, or the
 * current ones for a continuous run), measured on what Bronze has committed: records landed since the
 * run started out of the records between its start and the target.
 */
final class CatchUp {
    private final Map<Topic, LandedOffsets> landed;
    private final Map<TopicPartition, Long> startPositions;
    private Map<TopicPartition, Long> target;

    /**
     * @param landed   Bronze as of the run's start (refreshed by the caller)
     * @param earliest the first offset kept of each partition
     * @param target   the position to reach
     */
    CatchUp(Map<Topic, LandedOffsets> landed, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> target) {
        this.landed = landed;
        this.target = target;
        this.startPositions = new HashMap<>();
        target.keySet().forEach(tp -> startPositions.put(tp, Math.max(earliest.getOrDefault(tp, 0L), next(tp))));
    }

    void retarget(Map<TopicPartition, Long> newTarget) {
        newTarget.keySet().forEach(tp -> startPositions.putIfAbsent(tp, 0L));
        this.target = newTarget;
    }

    private long next(TopicPartition tp) {
        return landed.get(Topic.fromName(tp.topic())).nextOffset(tp.partition());
    }

    /** Records landed since the start, up to the target. */
    long done() {
        long done = 0;
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            long start = startPositions.get(e.getKey());
            done += Math.max(0, Math.min(next(e.getKey()), e.getValue()) - start);
        }
        return done;
    }

    /** Records between the start and the target. */
    long total() {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            total += Math.max(0, e.getValue() - startPositions.get(e.getKey()));
        }
        return total;
    }

    /** Every partition has its records up to the target committed in Bronze. */
    boolean reached() {
        return target.entrySet().stream().allMatch(e -> next(e.getKey()) >= e.getValue()
                || e.getValue() <= startPositions.get(e.getKey()));
    }
}
