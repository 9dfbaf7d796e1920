package io.alluvium.flink.landing;

import io.alluvium.domain.Topic;
import io.alluvium.tables.BronzeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.TopicPartition;

/**
 * What Bronze holds of one topic, read from the table itself (committed data, not the job's word): the
 * highest landed offset of each Kafka partition and the row count. Updated incrementally from the
 * snapshots appended since the last look, so that following a running job costs only its new files.
 *
 * <p>Within a partition the landing job commits a prefix of the log at every checkpoint, so the highest
 * landed offset means every offset below it is landed too: this is how a run knows it has caught up, and
 * where a run without any checkpoint starts (the offset after the last landed one).
 */
final class LandedOffsets {
    private final Topic topic;
    private final Table table;
    private final Map<Integer, Long> maxOffsets = new HashMap<>();
    private long rows;
    private Long seenSnapshotId;

    LandedOffsets(Topic topic, Table table) {
        this.topic = topic;
        this.table = table;
        refresh();
    }

    /**
     * Reads the appends committed since the last call; all of the table again when the snapshot it last saw has
     * been expired by maintenance meanwhile (or is no longer in the current state's history).
     */
    void refresh() {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null || Long.valueOf(current.snapshotId()).equals(seenSnapshotId)) {
            return;
        }
        if (seenSnapshotId != null && (table.snapshot(seenSnapshotId) == null
                || !SnapshotUtil.isAncestorOf(table, current.snapshotId(), seenSnapshotId))) {
            seenSnapshotId = null;
            maxOffsets.clear();
            rows = 0;
        }
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table)
                .select(BronzeTable.KAFKA_PARTITION, BronzeTable.KAFKA_OFFSET);
        scan = seenSnapshotId == null ? scan.useSnapshot(current.snapshotId())
                : scan.appendsBetween(seenSnapshotId, current.snapshotId());
        try (CloseableIterable<Record> records = scan.build()) {
            for (Record r : records) {
                int partition = (Integer) r.getField(BronzeTable.KAFKA_PARTITION);
                long offset = (Long) r.getField(BronzeTable.KAFKA_OFFSET);
                maxOffsets.merge(partition, offset, Math::max);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.name() + ": " + e.getMessage(), e);
        }
        seenSnapshotId = current.snapshotId();
    }

    long rows() {
        return rows;
    }

    /** The next offset to land per partition (the one after the highest landed), for partitions seen. */
    Map<TopicPartition, Long> nextOffsets() {
        Map<TopicPartition, Long> next = new HashMap<>();
        maxOffsets.forEach((p, max) -> next.put(new TopicPartition(topic.topicName(), p), max + 1));
        return next;
    }

    /** The next offset to land on one partition; 0 if nothing of it is landed. */
    long nextOffset(int partition) {
        Long max = maxOffsets.get(partition);
        return max == null ? 0 : max + 1;
    }

    Topic topic() {
        return topic;
    }

    Table table() {
        return table;
    }
}
