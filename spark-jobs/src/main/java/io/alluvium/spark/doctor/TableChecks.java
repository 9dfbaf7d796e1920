package io.alluvium.spark.doctor;

import io.alluvium.config.ConfigDef;
import io.alluvium.doctor.Finding;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The doctor's checks of one Iceberg table's health ({@link TableHealth}, as {@code alluvium maintain} measures it)
 * against the maintenance thresholds (docs/doctor.md, "Tables"): small files, snapshots past retention, metadata
 * that outgrows the data, many manifests, orphan files, and the driver heap a full-table plan of its files takes.
 * Every one is what {@code alluvium maintain} fixes.
 */
final class TableChecks {
    /**
     * Small files are a finding from this many on that compaction would rewrite (in partitions of at least
     * {@link TableHealth#MIN_INPUT_FILES} small files).
     */
    static final int SMALL_FILES_AT_LEAST = 10;
    /** Metadata is a finding when it outweighs the data by this factor, and is at least {@link #METADATA_AT_LEAST}. */
    static final double METADATA_PER_DATA = 1.0;
    static final long METADATA_AT_LEAST = 1 << 20;
    /** Manifests of the current snapshot beyond this many are worth rewriting into few. */
    static final int MANIFESTS_AT_MOST = 100;

    /**
     * The driver heap a planned data file holds, as measured by {@code DriverMemoryModelTest}: a fixed part and a part
     * per column (the lower and upper bounds, value and null counts a plan with column statistics keeps; compaction
     * and aggregate push-down plan with them).
     */
    static final long PLANNED_FILE_BYTES = 420;
    static final long PLANNED_COLUMN_BYTES = 410;
    /** A full-table plan is a warning from this share of the driver's heap, critical from the second. */
    static final double DRIVER_HEAP_WARNING = 0.25;
    static final double DRIVER_HEAP_CRITICAL = 0.75;

    private final MaintenancePolicy policy;
    private final long driverHeapBytes;

    /** @param driverHeapBytes the Spark driver's heap ({@code spark.heap}) */
    TableChecks(MaintenancePolicy policy, long driverHeapBytes) {
        this.policy = policy;
        this.driverHeapBytes = driverHeapBytes;
    }

    /** The driver heap a plan of every data file of a table with these columns holds. */
    static long plannedBytes(long dataFiles, int columns) {
        return dataFiles * (PLANNED_FILE_BYTES + PLANNED_COLUMN_BYTES * columns);
    }

    List<Finding> check(String table, TableHealth h) {
        List<Finding> findings = new ArrayList<>();
        String fix = "alluvium maintain " + table;
        if (h.compactableFiles() >= SMALL_FILES_AT_LEAST) {
            findings.add(new Finding(Finding.Severity.WARNING, "small-files", table,
                    String.format(Locale.ROOT, "%,d of %,d data files are small (average %s), %,d of them in "
                                    + "partitions of %d or more; most in %s (%,d)", h.smallFiles(), h.dataFiles(),
                            bytes(h.averageFileBytes()), h.compactableFiles(), TableHealth.MIN_INPUT_FILES,
                            h.mostSmallFiles().isEmpty() ? "the table" : h.mostSmallFiles(), h.mostSmallFilesCount()),
                    String.format(Locale.ROOT, ">= %d small files (< %s) to compact", SMALL_FILES_AT_LEAST,
                            bytes(policy.smallFileBytes())),
                    "every scan opens and every plan lists each file: small files cost time and S3 requests per row",
                    fix));
        }
        if (h.expirableSnapshots() > 0) {
            findings.add(new Finding(Finding.Severity.WARNING, "snapshots", table,
                    String.format(Locale.ROOT, "%,d of %,d snapshots are older than %s", h.expirableSnapshots(),
                            h.snapshots(), ConfigDef.formatDuration(policy.snapshotMaxAge())),
                    String.format(Locale.ROOT, "snapshots older than maintenance.snapshot-max-age beyond the newest %d",
                            policy.minSnapshots()),
                    "each snapshot keeps its files and its manifest list: storage and metadata grow with every commit",
                    fix));
        }
        if (h.metadataBytes() >= METADATA_AT_LEAST && h.metadataBytes() > METADATA_PER_DATA * h.dataBytes()) {
            findings.add(new Finding(Finding.Severity.WARNING, "metadata", table,
                    String.format(Locale.ROOT, "%s of metadata for %s of data; the last 24 hours' commits wrote"
                                    + " ~%s of metadata and %s of data", bytes(h.metadataBytes()),
                            bytes(h.dataBytes()), bytes(h.metadataWrittenLastDay()), bytes(h.bytesWrittenLastDay())),
                    String.format(Locale.ROOT, "metadata > data and >= %s", bytes(METADATA_AT_LEAST)),
                    "a plan reads all of it, on the driver: the metadata explosion that ends in a driver out of memory",
                    fix));
        }
        if (h.manifests() > MANIFESTS_AT_MOST) {
            findings.add(new Finding(Finding.Severity.WARNING, "manifests", table,
                    String.format(Locale.ROOT, "%,d manifests in the current snapshot", h.manifests()),
                    "> " + MANIFESTS_AT_MOST,
                    "planning opens every manifest; rewritten, a few cover the same files", fix));
        }
        long planned = plannedBytes(h.dataFiles(), h.columns());
        double heapShare = planned / (double) driverHeapBytes;
        if (heapShare >= DRIVER_HEAP_WARNING) {
            findings.add(new Finding(heapShare >= DRIVER_HEAP_CRITICAL ? Finding.Severity.CRITICAL
                    : Finding.Severity.WARNING, "driver-memory", table,
                    String.format(Locale.ROOT, "a full-table plan lists %,d data files of %d columns in %,d manifests:"
                                    + " ~%s of driver heap, %.0f%% of spark.heap (%s)", h.dataFiles(), h.columns(),
                            h.manifests(), bytes(planned), 100 * heapShare, bytes(driverHeapBytes)),
                    String.format(Locale.ROOT, ">= %.0f%% of spark.heap (critical from %.0f%%)",
                            100 * DRIVER_HEAP_WARNING, 100 * DRIVER_HEAP_CRITICAL),
                    "planning happens on the driver, one object per file: huge listings end in a driver out of memory",
                    fix + " (compaction cuts the files to list), or raise spark.heap"));
        }
        if (h.orphanFiles() > 0) {
            findings.add(new Finding(Finding.Severity.WARNING, "orphan-files", table,
                    String.format(Locale.ROOT, "%,d files (%s) no snapshot references", h.orphanFiles(),
                            bytes(h.orphanBytes())),
                    "older than maintenance.orphan-min-age (" + ConfigDef.formatDuration(policy.orphanMinAge()) + ")",
                    "debris of failed writes: storage paid for and never read", fix));
        }
        return findings;
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
}
