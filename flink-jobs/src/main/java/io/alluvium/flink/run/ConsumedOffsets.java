package io.alluvium.flink.run;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * How far a Flink job has consumed a topic, as the offsets its Kafka source commits for its consumer
 * group when a checkpoint completes. A committed offset therefore means: everything before it is
 * covered by a complete checkpoint, and so (for the realtime job) written to the serving store.
 */
public final class ConsumedOffsets implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final String groupId;

    public ConsumedOffsets(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, groupId + "-admin");
        this.admin = Admin.create(props);
        this.groupId = groupId;
    }

    /**
     * Records up to {@code target} (partition → next offset) not yet committed by the group; nothing
     * before {@code earliest} (the first offset the log still keeps) counts.
     */
    public long behind(Map<TopicPartition, Long> target, Map<TopicPartition, Long> earliest) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long from = Math.max(c == null ? 0 : c.offset(), earliest.getOrDefault(e.getKey(), 0L));
            behind += Math.max(0, e.getValue() - from);
        }
        return behind;
    }

    /**
     * Forgets the group's committed offsets: a run that starts without state replays the log, and its
     * progress must not be measured against the positions of the state it lost.
     */
    public void reset() {
        try {
            admin.deleteConsumerGroups(List.of(groupId)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw new IllegalStateException("cannot reset consumer group " + groupId + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting consumer group " + groupId, e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of consumer group " + groupId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading consumer group offsets", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
