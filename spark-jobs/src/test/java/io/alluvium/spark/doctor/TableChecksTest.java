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
 * files is named, and metadata that outweighs the data says what the last day's commits added to each.
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

    private static Finding only(List<Finding> found, String check) {
        List<Finding> matching = found.stream().filter(f -> f.check().equals(check)).toList();
        assertThat(matching).as(found.toString()).hasSize(1);
        return matching.get(0);
    }
}
