package io.alluvium.flink.bench;

import io.alluvium.flink.landing.LandingReport;
import io.alluvium.tables.BronzeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * What a landing run left in its tables, told from the tables alone (no engine's word): the rows
 * committed, when the first and the last of them were read (the extreme {@code ingest_ts}, from the data
 * files' column bounds, so no data is scanned), when the last commit happened, and when the data of each
 * Flink checkpoint was committed (the snapshot naming that checkpoint; the latest of the three tables).
 *
 * <p>A snapshot's time is taken just before its catalog commit, so commit times are early by the
 * catalog's round trip (milliseconds against PostgreSQL on this machine).
 */
record CommittedLanding(long rows, long firstReadMillis, long lastReadMillis, long lastCommitMillis,
                        Map<Long, Long> commitMillisByCheckpoint) {

    private static final int INGEST_TS_ID = BronzeTable.SCHEMA.findField(BronzeTable.INGEST_TS).fieldId();

    static CommittedLanding of(Collection<Table> tables) {
        long rows = 0;
        long firstRead = Long.MAX_VALUE;
        long lastRead = Long.MIN_VALUE;
        long lastCommit = Long.MIN_VALUE;
        Map<Long, Long> byCheckpoint = new HashMap<>();
        for (Table table : tables) {
            table.refresh();
            Snapshot current = table.currentSnapshot();
            if (current == null) {
                continue;
            }
            rows += Long.parseLong(current.summary().getOrDefault("total-records", "0"));
            long[] readSpan = ingestSpanMillis(table);
            firstRead = Math.min(firstRead, readSpan[0]);
            lastRead = Math.max(lastRead, readSpan[1]);
            for (Snapshot s : table.snapshots()) {
                lastCommit = Math.max(lastCommit, s.timestampMillis());
                String checkpoint = s.summary().get(LandingReport.CHECKPOINT_ID);
                if (checkpoint != null) {
                    byCheckpoint.merge(Long.parseLong(checkpoint), s.timestampMillis(), Math::max);
                }
            }
        }
        if (rows == 0) {
            throw new IllegalStateException("the landing under test committed no rows to "
                    + tables.stream().map(Table::name).toList());
        }
        return new CommittedLanding(rows, firstRead, lastRead, lastCommit, Map.copyOf(byCheckpoint));
    }

    /** From the first record read to the commit that made the last row visible. */
    double seconds() {
        return (lastCommitMillis - firstReadMillis) / 1000.0;
    }

    /** From the first record read to the last one read. */
    double readingSeconds() {
        return (lastReadMillis - firstReadMillis) / 1000.0;
    }

    /** The first and the last {@code ingest_ts} of the table's rows (epoch millis). */
    private static long[] ingestSpanMillis(Table table) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        try (CloseableIterable<FileScanTask> tasks = table.newScan().includeColumnStats().planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                span[0] = Math.min(span[0], ingestBoundMillis(file, file.lowerBounds()));
                span[1] = Math.max(span[1], ingestBoundMillis(file, file.upperBounds()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan " + table.name() + ": " + e.getMessage(), e);
        }
        return span;
    }

    private static long ingestBoundMillis(DataFile file, Map<Integer, ByteBuffer> bounds) {
        ByteBuffer bound = bounds == null ? null : bounds.get(INGEST_TS_ID);
        if (bound == null) {
            throw new IllegalStateException("data file " + file.location() + " has no bounds for "
                    + BronzeTable.INGEST_TS + ": cannot tell when its rows were read");
        }
        long micros = Conversions.fromByteBuffer(Types.TimestampType.withZone(), bound);
        return micros / 1000;
    }
}
