package io.alluvium.spark.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * What a table's upkeep is judged by, read from its Iceberg metadata: the data files of its current snapshot
 * (how many, how big, how many small), how many snapshots and manifests it keeps, the bytes of its metadata, and
 * the files in its location that no snapshot references (orphans: the debris of failed writes and of removed
 * snapshots), as {@code alluvium maintain} prints them before and after (docs/maintenance.md).
 *
 * @param records       rows of the current snapshot
 * @param metadataBytes the current metadata file, every snapshot's manifest list and the current manifests
 * @param orphanFiles   files older than {@code maintenance.orphan-min-age} that no snapshot references
 */
public record TableHealth(long records, long dataFiles, long dataBytes, long smallFiles, int snapshots,
                          int manifests, long metadataBytes, long orphanFiles, long orphanBytes) {

    /** Measures {@code table} as it is now; {@code orphans} are its orphan files' locations. */
    static TableHealth measure(Table table, long smallFileBytes, List<String> orphans) {
        long records = 0;
        long files = 0;
        long bytes = 0;
        long small = 0;
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
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        FileIO io = table.io();
        int snapshots = 0;
        long metadata = io.newInputFile(((HasTableOperations) table).operations().current().metadataFileLocation())
                .getLength();
        for (Snapshot snapshot : table.snapshots()) {
            snapshots++;
            metadata += io.newInputFile(snapshot.manifestListLocation()).getLength();
        }
        List<ManifestFile> manifests = current == null ? List.of() : current.allManifests(io);
        for (ManifestFile manifest : manifests) {
            metadata += manifest.length();
        }
        Set<String> distinctOrphans = new HashSet<>(orphans);
        long orphanBytes = 0;
        for (String location : distinctOrphans) {
            orphanBytes += io.newInputFile(location).getLength();
        }
        return new TableHealth(records, files, bytes, small, snapshots, manifests.size(), metadata,
                distinctOrphans.size(), orphanBytes);
    }

    /** The average data file's size; 0 without data files. */
    @JsonProperty("average_file_bytes")
    public long averageFileBytes() {
        return dataFiles == 0 ? 0 : dataBytes / dataFiles;
    }
}
