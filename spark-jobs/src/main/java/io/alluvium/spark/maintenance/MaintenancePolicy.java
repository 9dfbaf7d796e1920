package io.alluvium.spark.maintenance;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.time.Duration;

/**
 * The thresholds of {@code alluvium maintain}, read once from the {@code maintenance.*} settings
 * (docs/maintenance.md): the size data files are compacted to and below which a file is small, how long
 * snapshots stay (and how many always do), and how old a file no snapshot references must be before it is
 * removed.
 */
public record MaintenancePolicy(long targetFileBytes, double smallFileShare, Duration snapshotMaxAge,
                                int minSnapshots, Duration orphanMinAge) {

    public static MaintenancePolicy of(AlluviumConfig config) {
        return new MaintenancePolicy(config.getMemory(AlluviumSettings.MAINTENANCE_TARGET_FILE_SIZE).bytes(),
                config.getDouble(AlluviumSettings.MAINTENANCE_SMALL_FILE_SHARE),
                config.getDuration(AlluviumSettings.MAINTENANCE_SNAPSHOT_MAX_AGE),
                config.getInt(AlluviumSettings.MAINTENANCE_MIN_SNAPSHOTS),
                config.getDuration(AlluviumSettings.MAINTENANCE_ORPHAN_MIN_AGE));
    }

    /** A data file smaller than this is small. */
    public long smallFileBytes() {
        return (long) (targetFileBytes * smallFileShare);
    }
}
