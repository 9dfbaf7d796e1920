package io.alluvium.spark;

import java.util.Optional;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * How far a job has read its input, stored in the snapshot summary of the job's own output commit
 * ({@code snapshot-property.<key>}). Data and watermark are one atomic Iceberg commit: either both are
 * visible or neither is, so a job killed at any moment restarts exactly from what its output contains.
 * The latest value is found by walking the output table's history back from its current snapshot
 * (commits by other writers, e.g. compaction, carry no watermark and are skipped).
 */
public final class Watermark {
    /** On silver.* and quarantine.* commits: the Bronze snapshot id read up to (inclusive). */
    public static final String BRONZE_SNAPSHOT = "alluvium.bronze-snapshot-id";
    /** On gold.* commits: the Silver snapshot ids the rebuilt days were computed from. */
    public static final String SILVER_SNAPSHOTS = "alluvium.silver-snapshot-ids";

    private Watermark() {
    }

    public static Optional<String> latest(Table table, String key) {
        return latestCommit(table, s -> s.summary().containsKey(key)).map(s -> s.summary().get(key));
    }

    /** The write option that stores {@code value} under {@code key} in the commit's summary. */
    public static String writeOption(String key) {
        return "snapshot-property." + key;
    }

    /** Records added by the latest commit carrying {@code key = value}; 0 when there is none. */
    public static long addedRecords(Table table, String key, String value) {
        return latestCommit(table, s -> value.equals(s.summary().get(key)))
                .map(s -> Long.parseLong(s.summary().getOrDefault("added-records", "0")))
                .orElse(0L);
    }

    private static Optional<Snapshot> latestCommit(Table table, Predicate<Snapshot> matches) {
        Snapshot s = table.currentSnapshot();
        while (s != null && !matches.test(s)) {
            s = s.parentId() == null ? null : table.snapshot(s.parentId());
        }
        return Optional.ofNullable(s);
    }
}
