package io.alluvium.spark.timetravel;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * A point in the tables' history that a user names: a snapshot id (one table's commit, as {@code alluvium table
 * history} lists them) or an instant (ISO-8601 with its offset, e.g. {@code 2026-11-02T10:00:00Z}). Each table is
 * read at its snapshot that was current at that point (docs/maintenance.md, "Time travel").
 */
public record AsOf(OptionalLong snapshotId, Instant instant) {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("-?\\d{1,19}");

    public static AsOf snapshot(long snapshotId) {
        return new AsOf(OptionalLong.of(snapshotId), null);
    }

    public static AsOf time(Instant instant) {
        return new AsOf(OptionalLong.empty(), instant);
    }

    /** A snapshot id or an ISO-8601 instant with an offset; anything else is bad input naming both forms. */
    public static AsOf parse(String text) {
        String t = text.strip();
        if (SNAPSHOT_ID.matcher(t).matches()) {
            try {
                return snapshot(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
        }
        try {
            return time(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    /**
     * The table's snapshot at this point: the one with this id, or the one that was current at this instant. A
     * point the table's kept history does not reach is bad input that says how far it reaches.
     */
    public Snapshot in(Table table, String name) {
        if (snapshotId.isPresent()) {
            Snapshot s = table.snapshot(snapshotId.getAsLong());
            if (s == null) {
                throw new BadInputException(name + " has no snapshot " + snapshotId.getAsLong() + ": alluvium table "
                        + "history " + name + " lists the snapshots it keeps (expired ones are gone)");
            }
            return s;
        }
        Snapshot oldest = SnapshotUtil.oldestAncestor(table);
        if (oldest == null || oldest.timestampMillis() > instant.toEpochMilli()) {
            throw new BadInputException(name + " has no snapshot at " + instant + (oldest == null
                    ? ": it has no snapshot yet" : ": its oldest kept snapshot, " + oldest.snapshotId()
                            + ", was committed at " + Instant.ofEpochMilli(oldest.timestampMillis()) + " (older ones "
                            + "were never made or have expired: maintenance.snapshot-max-age, docs/maintenance.md)"));
        }
        try {
            return table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, instant.toEpochMilli()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + " has no snapshot that was current at " + instant + ": "
                    + e.getMessage());
        }
    }

    private static BadInputException invalid(String text) {
        return new BadInputException("--as-of takes a snapshot id (alluvium table history <table> lists them) or an "
                + "ISO-8601 time with its offset (e.g. 2026-11-02T10:00:00Z), got \"" + text + "\"");
    }

    @Override
    public String toString() {
        return snapshotId.isPresent() ? "snapshot " + snapshotId.getAsLong() : instant.toString();
    }
}
