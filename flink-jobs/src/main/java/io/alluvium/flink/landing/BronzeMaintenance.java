package io.alluvium.flink.landing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ObjectStoreAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * The maintenance the landing job runs on each Bronze table beside its commits: Iceberg's Flink table maintenance
 * (behind {@code IcebergSink}: rewrite data files, expire snapshots, delete orphan files), with the thresholds
 * {@code alluvium maintain} uses ({@code maintenance.*}), each task at most every
 * {@code landing.maintenance-interval}. A JDBC lock in the catalog database makes one maintainer act on a table at a
 * time (docs/maintenance.md, "What runs where"). Bronze is the table that grows by a commit every checkpoint, so its
 * writer keeps it healthy; Silver and Gold are maintained by Spark after the builds.
 */
final class BronzeMaintenance {
    private static final String PREFIX = "flink-maintenance.";

    private BronzeMaintenance() {
    }

    /** Turns the maintenance on in a Bronze table's sink, unless {@code landing.maintenance} is false. */
    static IcebergSink.Builder applyTo(IcebergSink.Builder sink, AlluviumConfig config) {
        Map<String, String> options = sinkOptions(config);
        return options.isEmpty() ? sink : sink.rewriteDataFiles(options).expireSnapshots().deleteOrphanFiles();
    }

    /** The sink's write options of the maintenance; none when {@code landing.maintenance} is false. */
    static Map<String, String> sinkOptions(AlluviumConfig config) {
        Map<String, String> options = new LinkedHashMap<>();
        if (!config.getBoolean(AlluviumSettings.LANDING_MAINTENANCE)) {
            return options;
        }
        String every = Long.toString(config.getDuration(AlluviumSettings.LANDING_MAINTENANCE_INTERVAL).toSeconds());
        long target = config.getMemory(AlluviumSettings.MAINTENANCE_TARGET_FILE_SIZE).bytes();
        options.put(PREFIX + "rate-limit-seconds", every); // tasks wait for each other: one at a time per table
        options.put(PREFIX + "rewrite.schedule.interval-second", every);
        options.put(PREFIX + "rewrite.target-file-size-bytes", Long.toString(target));
        options.put(PREFIX + "rewrite.min-file-size-bytes", Long.toString(Math.round(
                target * config.getDouble(AlluviumSettings.MAINTENANCE_SMALL_FILE_SHARE))));
        options.put(PREFIX + "expire-snapshots.schedule.interval-second", every);
        options.put(PREFIX + "expire-snapshots.max-snapshot-age-seconds",
                Long.toString(config.getDuration(AlluviumSettings.MAINTENANCE_SNAPSHOT_MAX_AGE).toSeconds()));
        options.put(PREFIX + "expire-snapshots.retain-last",
                Integer.toString(config.getInt(AlluviumSettings.MAINTENANCE_MIN_SNAPSHOTS)));
        options.put(PREFIX + "delete-orphan-files.schedule.interval-second", every);
        options.put(PREFIX + "delete-orphan-files.min-age-seconds",
                Long.toString(config.getDuration(AlluviumSettings.MAINTENANCE_ORPHAN_MIN_AGE).toSeconds()));
        // an object store is listed through the table's FileIO, not a Hadoop file system it has no client for
        options.put(PREFIX + "delete-orphan-files.use-prefix-listing",
                Boolean.toString(ObjectStoreAccess.onS3(CatalogProperties.warehouse(config))));
        options.put(PREFIX + "lock.type", "jdbc");
        options.put(PREFIX + "lock.jdbc.uri", CatalogProperties.jdbcUrl(config));
        options.put(PREFIX + "lock.jdbc.init-lock-table", "true");
        options.put(PREFIX + "lock.jdbc.user", config.getString(AlluviumSettings.CATALOG_JDBC_USER));
        options.put(PREFIX + "lock.jdbc.password", CatalogProperties.password(config).reveal());
        return options;
    }
}
