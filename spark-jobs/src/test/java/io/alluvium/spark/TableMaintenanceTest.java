package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableHealth;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code alluvium maintain} on a real Iceberg table of many small appends and a stray file: a dry run changes
 * nothing; maintenance compacts the data files, expires snapshots down to the minimum kept and removes the orphan,
 * and not one row changes (count and a checksum of every column, before and after).
 */
class TableMaintenanceTest {
    private static final TableId TABLE = Layer.BRONZE.table("maintenance_test");
    private static final int APPENDS = 12;
    private static final int ROWS_PER_APPEND = 100;
    private static final int DAYS = 2;
    private static final int MIN_SNAPSHOTS = 3;
    /** Maintenance as if run 30 days later: every snapshot and the stray file are old enough to go. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofDays(30));
    private static final MaintenancePolicy POLICY = new MaintenancePolicy(64L << 20, 0.75, Duration.ofDays(5),
            MIN_SNAPSHOTS, Duration.ofDays(3));

    private static SparkSession spark;
    private static LakeTables lake;
    private static Path strayFile;

    @BeforeAll
    static void manySmallAppendsAndAStrayFile() throws Exception {
        spark = TestLake.spark();
        lake = new LakeTables(spark);
        String name = lake.name(TABLE);
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.namespace(Layer.BRONZE));
        spark.sql("CREATE TABLE " + name + " (id bigint, day date, amount decimal(18,2)) USING iceberg "
                + "PARTITIONED BY (day)");
        for (int append = 0; append < APPENDS; append++) {
            spark.sql("INSERT INTO " + name + " SELECT id, date_add(DATE'2026-11-01', CAST(id % " + DAYS
                    + " AS INT)), CAST(id * 1.25 AS decimal(18,2)) FROM range(" + append * ROWS_PER_APPEND + ", "
                    + (append + 1) * ROWS_PER_APPEND + ")");
        }
        Path data = Path.of(java.net.URI.create(lake.load(TABLE).location() + "/data"));
        strayFile = Files.write(data.resolve("stray-from-a-failed-write.parquet"), new byte[4096]);
    }

    @Test
    void compactsExpiresAndRemovesOrphansWithoutChangingARowAndADryRunChangesNothing() {
        Row contentBefore = content();
        TableMaintenance maintenance = new TableMaintenance(spark, POLICY, LATER);
        long snapshotBefore = lake.load(TABLE).currentSnapshot().snapshotId();

        TableMaintenance.Outcome dryRun = maintenance.maintain(TABLE, lake.load(TABLE), true);
        assertThat(dryRun.done()).isEqualTo(TableMaintenance.Done.NOTHING);
        assertThat(lake.load(TABLE).currentSnapshot().snapshotId()).isEqualTo(snapshotBefore);
        assertThat(strayFile).exists();

        TableMaintenance.Outcome outcome = maintenance.maintain(TABLE, lake.load(TABLE), false);
        TableHealth before = outcome.before();
        TableHealth after = outcome.after();
        // measured the same as in the dry run: the dry run changed nothing
        assertThat(before).isEqualTo(dryRun.before());
        // each append wrote at least one small file per day
        assertThat(before.records()).isEqualTo((long) APPENDS * ROWS_PER_APPEND);
        assertThat(before.dataFiles()).isGreaterThanOrEqualTo((long) APPENDS * DAYS);
        assertThat(before.smallFiles()).isEqualTo(before.dataFiles());
        assertThat(before.compactableFiles()).as("every day holds one small file per append").isEqualTo(
                before.smallFiles());
        assertThat(before.snapshots()).isEqualTo(APPENDS);
        assertThat(before.expirableSnapshots()).isEqualTo(APPENDS - MIN_SNAPSHOTS);
        assertThat(before.orphanFiles()).isGreaterThanOrEqualTo(1);
        assertThat(before.orphanBytes()).isGreaterThanOrEqualTo(4096);
        // compacted to one file per day, snapshots down to the minimum kept, the stray file gone
        assertThat(after.dataFiles()).isEqualTo(DAYS);
        assertThat(after.averageFileBytes()).isGreaterThan(before.averageFileBytes());
        assertThat(after.snapshots()).isEqualTo(MIN_SNAPSHOTS);
        assertThat(after.expirableSnapshots()).isZero();
        assertThat(after.compactableFiles()).isZero();
        assertThat(after.metadataBytes()).isLessThan(before.metadataBytes());
        assertThat(after.orphanFiles()).isZero();
        assertThat(strayFile).doesNotExist();
        assertThat(outcome.done().rewrittenFiles()).isEqualTo(before.dataFiles());
        assertThat(outcome.done().addedFiles()).isEqualTo(DAYS);
        assertThat(outcome.done().failedFiles()).isZero();
        // the stray file, and any file the maintenance's own commits left unreferenced
        assertThat(outcome.done().orphansRemoved()).isGreaterThanOrEqualTo(before.orphanFiles());
        // not one row changed
        assertThat(after.records()).isEqualTo(before.records());
        assertThat(content()).isEqualTo(contentBefore);
    }

    @Test
    void aRequestNamesTablesOrAllAndNothingElse() {
        assertThat(Maintenance.Request.parse(List.of("--dry-run", "bronze.orders", "gold.city_hourly_sales")).tables())
                .containsExactly(Layer.BRONZE.table("orders"), Layer.GOLD.table("city_hourly_sales"));
        assertThat(Maintenance.Request.parse(List.of("--all")).all()).isTrue();
        assertThatThrownBy(() -> Maintenance.Request.parse(List.of())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("name the tables to maintain, or --all");
        assertThatThrownBy(() -> Maintenance.Request.parse(List.of("--all", "bronze.orders")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> Maintenance.Request.parse(List.of("--fast"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Maintenance.Request.parse(List.of("orders"))).isInstanceOf(BadInputException.class);
    }

    @Test
    void aTableThatDoesNotExistIsBadInputBeforeAnythingRuns() {
        Maintenance maintenance = new Maintenance(IcebergCatalogs.open(TestLake.config()), lake,
                new TableMaintenance(spark, POLICY, LATER));
        assertThatThrownBy(() -> maintenance.run(Maintenance.Request.parse(List.of(TABLE.toString(), "silver.nowhere")),
                (stage, done, total) -> { })).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no table silver.nowhere");
    }

    /** Rows, and a checksum of every column of every row. */
    private static Row content() {
        return spark.sql("SELECT count(*), sum(CAST(xxhash64(id, day, amount) AS decimal(38, 0))) FROM " + lake.name(TABLE)).first();
    }
}
