package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.doctor.Finding;
import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.runtime.DataDir;
import io.alluvium.spark.doctor.Doctor;
import io.alluvium.spark.doctor.SkewChecks;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code alluvium doctor} on real Iceberg tables (docs/doctor.md): a table of many small appends, old snapshots and
 * a stray file is flagged for each, with its numbers and the command that fixes it; a healthy table is not; with
 * {@code --fix} the flagged table is maintained, measured again and found healthy, and not one row changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorTest {
    private static final TableId SICK = Layer.SILVER.table("doctor_sick");
    private static final TableId FINE = Layer.SILVER.table("doctor_fine");
    private static final int APPENDS = 15;
    private static final int MIN_SNAPSHOTS = 3;
    /** The doctor as if run a day later: every snapshot older than the policy's hour, the stray file too. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofDays(1));
    private static final MaintenancePolicy POLICY = new MaintenancePolicy(64L << 20, 0.75, Duration.ofHours(1),
            MIN_SNAPSHOTS, Duration.ofHours(3));
    private static final long HEAP = 2L << 30;

    private static SparkSession spark;
    private static LakeTables lake;

    @BeforeAll
    static void aSickTableAndAHealthyOne() throws Exception {
        spark = TestLake.spark();
        lake = new LakeTables(spark);
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.namespace(Layer.SILVER));
        spark.sql("CREATE TABLE " + lake.name(SICK) + " (id bigint, amount decimal(18,2)) USING iceberg");
        for (int append = 0; append < APPENDS; append++) {
            spark.sql("INSERT INTO " + lake.name(SICK) + " SELECT id, CAST(id * 1.25 AS decimal(18,2)) FROM range("
                    + append * 10 + ", " + (append + 1) * 10 + ", 1, 1)"); // one file per append
        }
        Path data = Path.of(java.net.URI.create(lake.load(SICK).location() + "/data"));
        Files.write(data.resolve("stray-from-a-failed-write.parquet"), new byte[4096]);
        spark.sql("CREATE TABLE " + lake.name(FINE) + " USING iceberg AS SELECT id FROM range(100)");
    }

    @Test
    @Order(2)
    void flagsEachProblemWithItsNumbersAndFixesThemWithoutChangingARow() {
        Row before = content();
        Doctor doctor = new Doctor(new Maintenance(IcebergCatalogs.open(TestLake.config()), lake,
                new TableMaintenance(spark, POLICY, LATER)), POLICY, HEAP, skewChecks());

        Doctor.Result found = doctor.examine(false, (stage, done, total) -> { });
        List<Finding> sick = of(found.findings(), SICK);
        assertThat(sick).extracting(Finding::check).containsExactlyInAnyOrder("small-files", "snapshots",
                "orphan-files");
        assertThat(sick).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.fix()).isEqualTo("alluvium maintain " + SICK);
            assertThat(f.why()).isNotBlank();
        });
        assertThat(sick).filteredOn(f -> f.check().equals("small-files")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).startsWith(APPENDS + " of " + APPENDS + " data files are small"));
        assertThat(sick).filteredOn(f -> f.check().equals("snapshots")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).startsWith((APPENDS - MIN_SNAPSHOTS) + " of " + APPENDS
                        + " snapshots are older than 1h"));
        assertThat(of(found.findings(), FINE)).isEmpty();
        assertThat(found.healthy()).isFalse();
        assertThat(found.fixed()).isEmpty();
        assertThat(content()).as("a look changes nothing").isEqualTo(before);

        Doctor.Result fixed = doctor.examine(true, (stage, done, total) -> { });
        assertThat(fixed.fixed()).extracting(Doctor.Fixed::table).contains(SICK.toString())
                .doesNotContain(FINE.toString());
        assertThat(of(fixed.findings(), SICK)).isEmpty();
        assertThat(fixed.healthy()).as(fixed.findings().toString()).isTrue();
        assertThat(content()).isEqualTo(before);
    }

    /** What {@code batch} does after a build: maintains the built tables the doctor flags, and no other. */
    @Test
    @Order(3)
    void afterABuildOnlyTheFlaggedTablesAreMaintained() {
        TableId built = Layer.GOLD.table("doctor_after_build");
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.namespace(Layer.GOLD));
        spark.sql("CREATE TABLE " + lake.name(built) + " (id bigint) USING iceberg");
        for (int append = 0; append < APPENDS; append++) {
            spark.sql("INSERT INTO " + lake.name(built) + " SELECT id FROM range(" + append * 10 + ", "
                    + (append + 1) * 10 + ", 1, 1)");
        }
        Doctor doctor = new Doctor(new Maintenance(IcebergCatalogs.open(TestLake.config()), lake,
                new TableMaintenance(spark, POLICY, LATER)), POLICY, HEAP, skewChecks());
        long fineSnapshot = lake.load(FINE).currentSnapshot().snapshotId();

        List<Doctor.Maintained> maintained = doctor.maintainFlagged(List.of(built, FINE), (stage, done, total) -> { });

        assertThat(maintained).singleElement().satisfies(m -> {
            assertThat(m.table()).isEqualTo(built.toString());
            assertThat(m.findings()).isEqualTo("small-files, snapshots");
            assertThat(m.dataFilesBefore()).isEqualTo(APPENDS);
            assertThat(m.dataFilesAfter()).isEqualTo(1);
            assertThat(m.snapshotsBefore()).isEqualTo(APPENDS);
            assertThat(m.snapshotsAfter()).isEqualTo(MIN_SNAPSHOTS);
        });
        assertThat(lake.load(FINE).currentSnapshot().snapshotId()).as("a healthy table is left alone")
                .isEqualTo(fineSnapshot);
        assertThat(spark.sql("SELECT count(*), sum(id) FROM " + lake.name(built)).first())
                .isEqualTo(spark.sql("SELECT count(*), sum(id) FROM range(" + APPENDS * 10 + ")").first());
    }

    /**
     * A table whose full plan would fill a quarter of the driver's heap is flagged with the files, columns and heap
     * share; and the result says what each table wrote in the last 24 hours, which the CLI prices.
     */
    @Test
    @Order(1)
    void aPlanThatFillsTheDriverHeapIsFlaggedAndTheDaysWritesAreCounted() {
        long planned = APPENDS * (420L + 410L * 2); // 15 files of 2 columns: DriverMemoryModelTest's measured model
        Doctor doctor = new Doctor(new Maintenance(IcebergCatalogs.open(TestLake.config()), lake,
                new TableMaintenance(spark, POLICY, Clock.systemUTC())), POLICY, planned * 2, skewChecks());

        Doctor.Result found = doctor.examine(false, (stage, done, total) -> { });

        assertThat(of(found.findings(), SICK)).filteredOn(f -> f.check().equals("driver-memory")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(f.evidence()).startsWith("a full-table plan lists 15 data files of 2 columns in ")
                            .contains(", 50% of spark.heap");
                    assertThat(f.fix()).startsWith("alluvium maintain " + SICK);
                });
        assertThat(of(found.findings(), FINE)).as("one file of one column: 1,240 bytes of a ~37 KB heap")
                .extracting(Finding::check).doesNotContain("driver-memory");
        assertThat(found.writes()).filteredOn(w -> w.table().equals(SICK.toString())).singleElement()
                .satisfies(w -> {
                    assertThat(w.dataFiles()).isEqualTo(APPENDS);
                    assertThat(w.filesLastDay()).isEqualTo(APPENDS);
                    assertThat(w.bytesLastDay()).isEqualTo(lake.load(SICK).currentSnapshot().summary()
                            .entrySet().stream().filter(e -> e.getKey().equals("total-files-size"))
                            .mapToLong(e -> Long.parseLong(e.getValue())).sum());
                });
    }

    /** The skew checks as the CLI wires them: the test lake's Silver tables are too small to examine. */
    private static SkewChecks skewChecks() {
        return new SkewChecks(spark, lake, DataDir.of(TestLake.config()));
    }

    private static List<Finding> of(List<Finding> findings, TableId table) {
        return findings.stream().filter(f -> f.subject().equals(table.toString())).toList();
    }

    private static Row content() {
        return spark.sql("SELECT count(*), sum(CAST(xxhash64(id, amount) AS decimal(38, 0))) FROM " + lake.name(SICK))
                .first();
    }
}
