package io.alluvium.spark.timetravel;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * {@code alluvium table rollback} and {@code table tag}: a table's current state set back to an earlier snapshot,
 * and a snapshot named so that it can be read later ({@code VERSION AS OF 'name'}) and is never expired by
 * maintenance. Both are Iceberg metadata commits (no data file is written or deleted).
 *
 * <p>Only Silver and Gold roll back: the next batch build resumes from the watermark of the snapshot rolled back
 * to and rebuilds what followed (docs/maintenance.md, "Time travel and rollback"). Bronze is landing's exactly-once
 * record of what Kafka delivered, and Quarantine's rows are written once per Bronze row; rolling either back would
 * lose rows that nothing writes again.
 */
public final class TableVersions {
    /** What a rollback or a tag did. */
    public record Change(String table, String action, Long fromSnapshotId, long toSnapshotId, Instant committedAt,
                         String tag) {
    }

    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

    private final Catalog catalog;

    public TableVersions(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Makes the snapshot current at {@code to} (or the snapshot {@code to} names) the table's current state. */
    public Change rollback(TableId id, AsOf to) {
        if (id.layer() == Layer.BRONZE || id.layer() == Layer.QUARANTINE) {
            throw new BadInputException(id + " cannot be rolled back: " + (id.layer() == Layer.BRONZE
                    ? "Bronze is landing's exactly-once record of what Kafka delivered (its offsets are past those "
                            + "rows), so rolled-back rows would never land again"
                    : "Quarantine's rows are written once, when Silver reads their Bronze rows")
                    + "; roll back the Silver or Gold table instead, and its next batch build rebuilds from there");
        }
        Table table = load(id);
        Snapshot current = table.currentSnapshot();
        Snapshot target = to.in(table, id.toString());
        table.manageSnapshots().setCurrentSnapshot(target.snapshotId()).commit();
        return new Change(id.toString(), "rollback", current == null ? null : current.snapshotId(),
                target.snapshotId(), Instant.ofEpochMilli(target.timestampMillis()), null);
    }

    /** Names a snapshot (the current one unless {@code at} is given); a name already used is refused. */
    public Change tag(TableId id, String name, AsOf at) {
        if (!TAG_NAME.matcher(name).matches()) {
            throw new BadInputException("a tag name starts with a letter and has letters, digits, '_', '.' or '-' "
                    + "(at most 100), got \"" + name + "\"");
        }
        Table table = load(id);
        SnapshotRef existing = table.refs().get(name);
        if (existing != null) {
            throw new BadInputException(id + " already has a " + (existing.isTag() ? "tag" : "branch") + " named "
                    + name + " (on snapshot " + existing.snapshotId() + "): choose another name");
        }
        Snapshot target = at == null ? table.currentSnapshot() : at.in(table, id.toString());
        if (target == null) {
            throw new BadInputException(id + " has no snapshot yet: there is nothing to tag");
        }
        table.manageSnapshots().createTag(name, target.snapshotId()).commit();
        return new Change(id.toString(), "tag", null, target.snapshotId(),
                Instant.ofEpochMilli(target.timestampMillis()), name);
    }

    private Table load(TableId id) {
        try {
            return catalog.loadTable(TableIdentifier.of(id.namespace(), id.name()));
        } catch (NoSuchTableException e) {
            throw new BadInputException("no table " + id + " (alluvium table list shows the tables)");
        }
    }
}
