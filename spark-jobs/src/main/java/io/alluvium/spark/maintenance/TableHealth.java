package io.alluvium.spark.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * What a table's upkeep is judged by, read from its Iceberg metadata: the data files of its current snapshot
 * (how many, how big, how many small), how many snapshots and manifests it keeps, the bytes of its metadata, and
 * the files in its location that no snapshot references (orphans: the debris of failed writes and of removed
 * snapshots), as {@code alluvium maintain} prints them before and after (docs/maintenance.md).
 *
 * @param records            rows of the current snapshot
 * @param compactableFiles   the small files in partitions that hold at least {@link #MIN_INPUT_FILES} of them: what
 *                           compaction rewrites (a partition's lone small file stays as it is)
 * @param expirableSnapshots snapshots older than {@code maintenance.snapshot-max-age} beyond the newest
 *                           {@code maintenance.min-snapshots}: what snapshot expiry would remove
 * @param metadataBytes      the current metadata file, every snapshot's manifest list and the current manifests
 * @param orphanFiles        files older than {@code maintenance.orphan-min-age} that no snapshot references
 * @param columns            columns of the table's schema (a plan keeps statistics per column and file)
 * @param filesWrittenLastDay data files the snapshots of the last 24 hours added (appends, overwrites and
 *                           compactions alike: each one an object written to storage)
 * @param bytesWrittenLastDay the bytes of those files
 * @param metadataWrittenLastDay the metadata the commits of the last 24 hours wrote: each a manifest list and a new
 *                           metadata file (counted at the current one's size)
 * @param mostSmallFiles     the partition holding the most small files, as its path ({@code event_day=2026-11-01}),
 *                           and how many: where compaction has the most to do; empty without small files
 */
public record TableHealth(long records, long dataFiles, long dataBytes, long smallFiles, long compactableFiles,
                          int snapshots,
                          int expirableSnapshots, int manifests, long metadataBytes, long orphanFiles,
                          long orphanBytes, int columns, long filesWrittenLastDay, long bytesWrittenLastDay,
                          long metadataWrittenLastDay, String mostSmallFiles, int mostSmallFilesCount) {

    /** Iceberg's default {@code min-input-files} of rewrite_data_files: fewer small files in a group are left alone. */
    public static final int MIN_INPUT_FILES = 5;

    /** Measures {@code table} as it is now, at {@code nowMillis}; {@code orphans} are its orphan files' locations. */
    static TableHealth measure(Table table, MaintenancePolicy policy, long nowMillis, List<String> orphans) {
        long smallFileBytes = policy.smallFileBytes();
        long records = 0;
        long files = 0;
        long bytes = 0;
        long small = 0;
        Map<String, Integer> smallPerPartition = new HashMap<>();
        Snapshot current = table.currentSnapshot();
        if (current != null) {
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    DataFile file = task.file();
                    records += file.recordCount();
                    files++;
                    bytes += file.fileSizeInBytes();
                    if (file.fileSizeInBytes() < smallFileBytes) {
                        small++;
                        smallPerPartition.merge(table.specs().get(file.specId()).partitionToPath(file.partition()),
                                1, Integer::sum);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FileIO io = table.io();
        int snapshots = 0;
        int old = 0;
        long cutoff = nowMillis - policy.snapshotMaxAge().toMillis();
        long metadataFile = io.newInputFile(((HasTableOperations) table).operations().current()
                .metadataFileLocation()).getLength();
        long metadata = metadataFile;
        long metadataWritten = 0;
        long dayAgo = nowMillis - TimeUnit.DAYS.toMillis(1);
        long filesWritten = 0;
        long bytesWritten = 0;
        for (Snapshot snapshot : table.snapshots()) {
            snapshots++;
            old += snapshot.timestampMillis() < cutoff ? 1 : 0;
            long manifestList = io.newInputFile(snapshot.manifestListLocation()).getLength();
            metadata += manifestList;
            if (snapshot.timestampMillis() >= dayAgo) {
                metadataWritten += manifestList + metadataFile;
                filesWritten += summaryCount(snapshot, SnapshotSummary.ADDED_FILES_PROP);
                bytesWritten += summaryCount(snapshot, SnapshotSummary.ADDED_FILE_SIZE_PROP);
            }
        }
        int expirable = Math.max(0, Math.min(old, snapshots - policy.minSnapshots()));
        List<ManifestFile> manifests = current == null ? List.of() : current.allManifests(io);
        for (ManifestFile manifest : manifests) {
            metadata += manifest.length();
        }
        Set<String> distinctOrphans = new HashSet<>(orphans);
        long orphanBytes = 0;
        for (String location : distinctOrphans) {
            orphanBytes += io.newInputFile(location).getLength();
        }
        long compactable = smallPerPartition.values().stream().filter(n -> n >= MIN_INPUT_FILES)
                .mapToLong(Integer::longValue).sum();
        Map.Entry<String, Integer> worst = smallPerPartition.entrySet().stream().max(Map.Entry.comparingByValue())
                .orElse(Map.entry("", 0));
        return new TableHealth(records, files, bytes, small, compactable, snapshots, expirable, manifests.size(), metadata,
                distinctOrphans.size(), orphanBytes, table.schema().columns().size(), filesWritten, bytesWritten,
                metadataWritten, worst.getKey(), worst.getValue());
    }

    private static long summaryCount(Snapshot snapshot, String key) {
        String value = snapshot.summary() == null ? null : snapshot.summary().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The average data file's size; 0 without data files. */
    @JsonProperty("average_file_bytes")
    public long averageFileBytes() {
        return dataFiles == 0 ? 0 : dataBytes / dataFiles;
    }
}
