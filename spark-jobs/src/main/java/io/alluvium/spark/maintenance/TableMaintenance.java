package io.alluvium.spark.maintenance;

import io.alluvium.domain.TableId;
import io.alluvium.runtime.ObjectStoreAccess;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteManifests;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.Tasks;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one table healthy with Iceberg's own maintenance actions, run by Spark, in the order that frees the
 * most (docs/maintenance.md): compact the small data files of the current snapshot (bin-pack to
 * {@code maintenance.target-file-size}), rewrite the manifests, expire old snapshots (keeping
 * {@code maintenance.min-snapshots}), then remove the orphan files older than {@code maintenance.orphan-min-age}.
 * Each action is one Iceberg commit that validates against commits made meanwhile, so landing and batch writes to
 * the same table go on; a dry run only measures and lists what would be removed.
 */
public final class TableMaintenance {
    /** Iceberg's rewrite option: rewrite what can be, commit group by group, instead of all or nothing. */
    private static final String PARTIAL_PROGRESS = "partial-progress.enabled";
    /** Iceberg's rewrite option: a file below this size is rewritten (by default 75 % of the target). */
    private static final String MIN_FILE_SIZE = "min-file-size-bytes";
    private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

    private final SparkSession spark;
    private final MaintenancePolicy policy;
    private final Clock clock;

    public TableMaintenance(SparkSession spark, MaintenancePolicy policy, Clock clock) {
        this.spark = spark;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * What an action did to the table.
     *
     * @param rewrittenFiles  data files compacted away
     * @param addedFiles      data files the compaction wrote
     * @param failedFiles     data files whose compaction failed (a conflict with a write meanwhile): left as they
     *                        were, for the next run
     * @param expiredSnapshots snapshots removed
     * @param orphansRemoved  orphan files deleted
     * @param manifestsLeft   whether the manifest rewrite was given up: every one of its {@link #MANIFEST_TRIES}
     *                        tries met a commit made meanwhile that replaced manifests it had planned to rewrite;
     *                        left as they were, for the next run
     */
    public record Done(long rewrittenFiles, long addedFiles, long failedFiles, int rewrittenManifests,
                       int addedManifests, long expiredSnapshots, long orphansRemoved, boolean manifestsLeft) {
        public static final Done NOTHING = new Done(0, 0, 0, 0, 0, 0, 0, false);
    }

    /**
     * Tries of the manifest rewrite: a write that commits while it runs (a landing append, a batch build) can merge
     * the very manifests it planned to replace, which Iceberg refuses to commit (a validation, not a retried commit
     * conflict); planned again on the table as it then is, it usually goes through.
     */
    static final int MANIFEST_TRIES = 5;

    /**
     * One table's maintenance: measured before and after (the same as before on a dry run).
     *
     * @param seconds the whole maintenance of the table, measuring included
     */
    public record Outcome(String table, boolean dryRun, TableHealth before, TableHealth after, Done done,
                          double seconds) {
    }

    /**
     * The table's health from its metadata alone: orphan files are not looked for (that lists the table's whole
     * directory), so they count as none.
     */
    public TableHealth health(Table table) {
        return TableHealth.measure(table, policy, clock.millis(), List.of());
    }

    public Outcome maintain(TableId id, Table table, boolean dryRun) {
        long started = System.nanoTime();
        TableHealth before = TableHealth.measure(table, policy, clock.millis(), orphans(table, false));
        if (dryRun) {
            return new Outcome(id.toString(), true, before, before, Done.NOTHING, secondsSince(started));
        }
        Done done = table.currentSnapshot() == null ? Done.NOTHING : compact(table);
        table.refresh();
        Optional<RewriteManifests.Result> manifests = rewriteManifests(table);
        table.refresh();
        int snapshotsBefore = count(table.snapshots());
        SparkActions.get(spark).expireSnapshots(table)
                .expireOlderThan(clock.millis() - policy.snapshotMaxAge().toMillis())
                .retainLast(policy.minSnapshots())
                .execute();
        table.refresh();
        long expired = snapshotsBefore - count(table.snapshots());
        long orphansRemoved = orphans(table, true).size();
        table.refresh();
        TableHealth after = TableHealth.measure(table, policy, clock.millis(), orphans(table, false));
        return new Outcome(id.toString(), false, before, after, new Done(done.rewrittenFiles(), done.addedFiles(),
                done.failedFiles(), manifests.map(m -> count(m.rewrittenManifests())).orElse(0),
                manifests.map(m -> count(m.addedManifests())).orElse(0), expired, orphansRemoved,
                manifests.isEmpty()), secondsSince(started));
    }

    /** The manifest rewrite, planned again after a concurrent commit replaced its manifests; empty if it never got in. */
    private Optional<RewriteManifests.Result> rewriteManifests(Table table) {
        List<RewriteManifests.Result> result = new ArrayList<>();
        try {
            Tasks.foreach(table)
                    .retry(MANIFEST_TRIES - 1)
                    .onlyRetryOn(ValidationException.class)
                    .exponentialBackoff(200, 5_000, 60_000, 2.0)
                    .throwFailureWhenFinished()
                    .run(t -> {
                        t.refresh();
                        result.add(SparkActions.get(spark).rewriteManifests(t).execute());
                    });
        } catch (ValidationException e) {
            LOG.warn("{}: manifests left as they are after {} tries, each meeting a concurrent commit: {}",
                    table.name(), MANIFEST_TRIES, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(result.get(0));
    }

    /** The compaction step alone: bin-pack the small files of the current snapshot (what {@code bench maintenance} times). */
    public Done compact(Table table) {
        RewriteDataFiles.Result result = SparkActions.get(spark).rewriteDataFiles(table)
                .binPack()
                .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(policy.targetFileBytes()))
                .option(MIN_FILE_SIZE, Long.toString(policy.smallFileBytes()))
                .option(PARTIAL_PROGRESS, "true")
                .execute();
        return new Done(result.rewrittenDataFilesCount(), result.addedDataFilesCount(), result.failedDataFilesCount(),
                0, 0, 0, 0, false);
    }

    /** The orphan files older than the policy's age: listed only, or deleted too. */
    private List<String> orphans(Table table, boolean delete) {
        var action = SparkActions.get(spark).deleteOrphanFiles(table)
                .olderThan(clock.millis() - policy.orphanMinAge().toMillis())
                // an object store is listed through the table's FileIO, not a Hadoop file system it has no client for
                .usePrefixListing(ObjectStoreAccess.onS3(table.location()));
        if (!delete) {
            action = action.deleteWith(location -> { });
        }
        List<String> found = new ArrayList<>();
        action.execute().orphanFileLocations().forEach(found::add);
        return found;
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    private static double secondsSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3;
    }
}
