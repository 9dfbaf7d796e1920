package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * {@code alluvium table list | describe <t> | history <t>}: what a data engineer checks first about a
 * table (schema, partitioning, size in files and bytes, the commits that made it), read from Iceberg
 * metadata alone.
 */
public final class TableInspector {
    /** Summary keys shown per snapshot: counts, and the watermarks of Alluvium's jobs. */
    private static final List<String> SUMMARY_KEYS = List.of("added-records", "deleted-records", "added-data-files",
            "deleted-data-files", "added-files-size", "total-records", "total-data-files", "total-files-size",
            Watermark.BRONZE_SNAPSHOT, Watermark.SILVER_SNAPSHOTS);

    public record TableSummary(String table, Long currentSnapshotId, Instant lastUpdated, long records,
                               long dataFiles, long totalBytes) {
    }

    public record Column(int id, String name, String type, boolean required, String doc) {
    }

    public record PartitionColumn(String name, String transform, String sourceColumn) {
    }

    public record PartitionStats(String partition, long records, long dataFiles, long bytes) {
    }

    public record Description(TableSummary summary, String location, int formatVersion, List<Column> schema,
                              List<PartitionColumn> partitionSpec, List<PartitionStats> partitions,
                              Map<String, String> properties) {
    }

    /** @param refs the tags and branches on this snapshot ({@code main} is the table's current state) */
    public record SnapshotInfo(long snapshotId, Long parentId, Instant timestamp, String operation, List<String> refs,
                               Map<String, String> summary) {
    }

    public record History(String table, Long currentSnapshotId, List<SnapshotInfo> snapshots) {
    }

    private final Catalog catalog;

    public TableInspector(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<TableSummary> list() {
        List<TableSummary> tables = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            List<TableIdentifier> ids;
            try {
                ids = new ArrayList<>(catalog.listTables(Namespace.of(layer.namespace())));
            } catch (NoSuchNamespaceException e) {
                continue;
            }
            ids.sort((a, b) -> a.name().compareTo(b.name()));
            for (TableIdentifier id : ids) {
                tables.add(summary(layer.table(id.name()), catalog.loadTable(id)));
            }
        }
        return tables;
    }

    public Description describe(String qualified) {
        TableId id = parse(qualified);
        Table table = load(id);
        List<Column> columns = new ArrayList<>();
        for (Types.NestedField f : table.schema().columns()) {
            columns.add(new Column(f.fieldId(), f.name(), f.type().toString(), f.isRequired(), f.doc()));
        }
        List<PartitionColumn> spec = new ArrayList<>();
        for (PartitionField f : table.spec().fields()) {
            spec.add(new PartitionColumn(f.name(), f.transform().toString(), table.schema().findColumnName(f.sourceId())));
        }
        return new Description(summary(id, table), table.location(), formatVersion(table), columns, spec,
                partitions(table), new TreeMap<>(table.properties()));
    }

    public History history(String qualified) {
        TableId id = parse(qualified);
        Table table = load(id);
        List<SnapshotInfo> snapshots = new ArrayList<>();
        for (Snapshot s : table.snapshots()) {
            Map<String, String> shown = new LinkedHashMap<>();
            for (String key : SUMMARY_KEYS) {
                if (s.summary().containsKey(key)) {
                    shown.put(key, s.summary().get(key));
                }
            }
            List<String> refs = new ArrayList<>();
            table.refs().forEach((name, ref) -> {
                if (ref.snapshotId() == s.snapshotId()) {
                    refs.add(ref.isTag() ? "tag:" + name : name);
                }
            });
            refs.sort(null);
            snapshots.add(new SnapshotInfo(s.snapshotId(), s.parentId(), Instant.ofEpochMilli(s.timestampMillis()),
                    s.operation(), refs, shown));
        }
        snapshots.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        Snapshot current = table.currentSnapshot();
        return new History(id.toString(), current == null ? null : current.snapshotId(), snapshots);
    }

    private static TableSummary summary(TableId id, Table table) {
        Snapshot s = table.currentSnapshot();
        if (s == null) {
            return new TableSummary(id.toString(), null, null, 0, 0, 0);
        }
        return new TableSummary(id.toString(), s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()),
                count(s, "total-records"), count(s, "total-data-files"), count(s, "total-files-size"));
    }

    /** Records, files and bytes per partition of the current snapshot, from the manifests. */
    private static List<PartitionStats> partitions(Table table) {
        Map<String, long[]> stats = new TreeMap<>();
        if (table.currentSnapshot() == null) {
            return List.of();
        }
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                String partition = table.specs().get(file.specId()).partitionToPath(file.partition());
                long[] s = stats.computeIfAbsent(partition.isEmpty() ? "(unpartitioned)" : partition, k -> new long[3]);
                s[0] += file.recordCount();
                s[1] += 1;
                s[2] += file.fileSizeInBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PartitionStats> result = new ArrayList<>();
        stats.forEach((p, s) -> result.add(new PartitionStats(p, s[0], s[1], s[2])));
        return result;
    }

    private Table load(TableId id) {
        try {
            return catalog.loadTable(TableIdentifier.of(id.namespace(), id.name()));
        } catch (NoSuchTableException e) {
            throw new BadInputException("no table " + id + " (alluvium table list shows the tables)");
        }
    }

    private static TableId parse(String qualified) {
        try {
            return TableId.parse(qualified);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static int formatVersion(Table table) {
        return ((HasTableOperations) table).operations().current().formatVersion();
    }

    private static long count(Snapshot s, String key) {
        return Long.parseLong(s.summary().getOrDefault(key, "0"));
    }
}
