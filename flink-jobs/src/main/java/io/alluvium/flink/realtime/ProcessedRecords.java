package io.alluvium.flink.realtime;

import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import io.alluvium.flink.run.KafkaLogEnds;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import redis.clients.jedis.Jedis;

/**
 * How far the realtime job is, from the outside: the records in the topics it reads (Kafka's end minus
 * first offsets) against the records it has counted in the serving store — every record is tallied once
 * as valid, duplicate or rejected:&lt;reason&gt; (the other counts, too_late, without_order, unknown_city,
 * count valid events a second time, so they are left out). Equal means nothing was lost and the job is
 * caught up.
 */
public final class ProcessedRecords {
    private ProcessedRecords() {
    }

    public static long inTopics(KafkaLogEnds log) {
        Map<TopicPartition, Long> earliest = log.earliest();
        return log.latest().entrySet().stream()
                .filter(e -> RealtimePipeline.TOPICS.stream().anyMatch(t -> t.topicName().equals(e.getKey().topic())))
                .mapToLong(e -> e.getValue() - earliest.getOrDefault(e.getKey(), 0L))
                .sum();
    }

    public static long counted(Jedis redis) {
        long sum = 0;
        for (Topic topic : RealtimePipeline.TOPICS) {
            for (Map.Entry<String, String> count : redis.hgetAll(ServingKeys.counts(topic.topicName())).entrySet()) {
                String name = count.getKey();
                if (name.equals(Tally.VALID) || name.equals(Tally.DUPLICATE) || name.startsWith(Tally.REJECTED)) {
                    sum += Long.parseLong(count.getValue());
                }
            }
        }
        return sum;
    }
}
