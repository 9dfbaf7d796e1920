package io.alluvium.spark.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.doctor.Finding;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableHealth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The table checks' evidence from measured health (docs/doctor.md, "Tables"): the partition with the most small
 * files is named, metadata that outweighs the data says what the last day's commits added to each, and the
 * retentions measured against read as the settings are written.
 */
class TableChecksTest {
    private static final MaintenancePolicy POLICY = new MaintenancePolicy(64L << 20, 0.75, Duration.ofHours(120),
            10, Duration.ofHours(72));
    private static final long HEAP = 2L << 30;

    @Test
    void smallFilesNameThePartitionWithTheMost() {
        TableHealth h = new TableHealth(9_000, 1_200, 30L << 20, 1_200, 1_200, 12, 0, 12, 200_000, 0, 0, 7, 1_200,
                30L << 20, 100_000, "kafka_timestamp_day=2026-11-02", 700);
        Finding f = only(new TableChecks(POLICY, HEAP).check("bronze.orders", h), "small-files");
        assertThat(f.evidence()).isEqualTo("1,200 of 1,200 data files are small (average 25.6 KiB), 1,200 of them in"
                + " partitions of 5 or more; most in kafka_timestamp_day=2026-11-02 (700)");
    }

    @Test
    void metadataThatOutweighsTheDataSaysWhatTheLastDayAdded() {
        TableHealth h = new TableHealth(9_000, 3, 1L << 20, 0, 0, 12, 0, 12, 5L << 20, 0, 0, 7, 3, 1L << 20,
                3L << 20, "", 0);
        Finding f = only(new TableChecks(POLICY, HEAP).check("bronze.orders", h), "metadata");
        assertThat(f.evidence()).isEqualTo("5.0 MiB of metadata for 1.0 MiB of data; the last 24 hours' commits wrote"
                + " ~3.0 MiB of metadata and 1.0 MiB of data");
    }

    /** 25 snapshots of which 15 are past retention, 2 orphan files, nothing else to flag. */
    private static final TableHealth OLD_SNAPSHOTS_AND_ORPHANS = new TableHealth(1_000, 10, 10_000, 0, 0, 25, 15, 1,
            10_000, 2, 8_192, 3, 0, 0, 0, "", 0);

    /** A retention of minutes (the settings allow one minute of snapshots) reads as set, not as "older than 0h". */
    @Test
    void retentionsShorterThanAnHourAreShownAsSet() {
        MaintenancePolicy policy = new MaintenancePolicy(64L << 20, 0.75, Duration.ofMinutes(1), 10,
                Duration.ofMinutes(90));

        List<Finding> findings = new TableChecks(policy, HEAP).check("bronze.orders", OLD_SNAPSHOTS_AND_ORPHANS);

        assertThat(findings).extracting(Finding::check).containsExactly("snapshots", "orphan-files");
        assertThat(findings.get(0).evidence()).isEqualTo("15 of 25 snapshots are older than 1m");
        assertThat(findings.get(1).threshold()).isEqualTo("older than maintenance.orphan-min-age (90m)");
    }

    @Test
    void wholeHoursStayHours() {
        List<Finding> findings = new TableChecks(POLICY, HEAP).check("bronze.orders", OLD_SNAPSHOTS_AND_ORPHANS);

        assertThat(findings.get(0).evidence()).isEqualTo("15 of 25 snapshots are older than 120h");
        assertThat(findings.get(1).threshold()).isEqualTo("older than maintenance.orphan-min-age (72h)");
    }

    private static Finding only(List<Finding> found, String check) {
        List<Finding> matching = found.stream().filter(f -> f.check().equals(check)).toList();
        assertThat(matching).as(found.toString()).hasSize(1);
        return matching.get(0);
    }
}
