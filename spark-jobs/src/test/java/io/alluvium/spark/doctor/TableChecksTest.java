package io.alluvium.spark.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.doctor.Finding;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableHealth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The doctor's findings state the retention they measured against as the setting is written: a retention of
 * minutes (the settings allow one minute of snapshots and ten of orphans) must not read as "older than 0h".
 */
class TableChecksTest {
    /** 25 snapshots of which 15 are past retention, 2 orphan files, nothing else to flag. */
    private static final TableHealth OLD_SNAPSHOTS_AND_ORPHANS = new TableHealth(1_000, 10, 10_000, 0, 0, 25, 15, 1,
            10_000, 2, 8_192, 3, 0, 0);

    @Test
    void retentionsShorterThanAnHourAreShownAsSet() {
        MaintenancePolicy policy = new MaintenancePolicy(64L << 20, 0.75, Duration.ofMinutes(1), 10,
                Duration.ofMinutes(90));

        List<Finding> findings = new TableChecks(policy, 1L << 30).check("bronze.orders", OLD_SNAPSHOTS_AND_ORPHANS);

        assertThat(findings).extracting(Finding::check).containsExactly("snapshots", "orphan-files");
        assertThat(findings.get(0).evidence()).isEqualTo("15 of 25 snapshots are older than 1m");
        assertThat(findings.get(1).threshold()).isEqualTo("older than maintenance.orphan-min-age (90m)");
    }

    @Test
    void wholeHoursStayHours() {
        MaintenancePolicy policy = new MaintenancePolicy(64L << 20, 0.75, Duration.ofHours(120), 10,
                Duration.ofHours(72));

        List<Finding> findings = new TableChecks(policy, 1L << 30).check("bronze.orders", OLD_SNAPSHOTS_AND_ORPHANS);

        assertThat(findings.get(0).evidence()).isEqualTo("15 of 25 snapshots are older than 120h");
        assertThat(findings.get(1).threshold()).isEqualTo("older than maintenance.orphan-min-age (72h)");
    }
}
