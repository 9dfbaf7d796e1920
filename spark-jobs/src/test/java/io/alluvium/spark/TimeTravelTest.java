package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.TableId;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.timetravel.AsOf;
import io.alluvium.spark.timetravel.ReadAt;
import io.alluvium.spark.timetravel.TableVersions;
import io.alluvium.spark.timetravel.TimeTravel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time travel and rollback on real Iceberg tables (docs/maintenance.md, "Time travel and rollback"): a query read
 * {@code --as-of} a snapshot or an instant returns exactly the rows committed by then, for every table it reads,
 * also after the files of later snapshots were compacted; a point the kept history does not reach is an error that
 * says so; rollback sets Silver and Gold back and refuses Bronze; a tag names a snapshot that can be read.
 */
class TimeTravelTest {
    private static SparkSession spark;
    private static Catalog catalog;
    private static SqlCommand sql;
    private static TimeTravel timeTravel;

    /** One commit of the test: its snapshot, and the count and sum the table held right after it. */
    private record Commit(long snapshotId, Instant at, long rows, BigDecimal sum) {
    }

    @BeforeAll
    static void lake() {
        spark = TestLake.spark();
        catalog = IcebergCatalogs.open(TestLake.config());
        sql = new SqlCommand(spark);
        timeTravel = new TimeTravel(catalog, CatalogProperties.name(TestLake.config()));
        for (String ns : List.of("bronze", "silver", "gold")) {
            spark.sql("CREATE NAMESPACE IF NOT EXISTS " + ns);
        }
    }

    @Test
    void aReadAsOfEachSnapshotOrItsTimeReturnsExactlyWhatWasCommittedThenAlsoAfterCompaction() throws Exception {
        spark.sql("CREATE TABLE silver.tt_orders (id bigint, amount decimal(18,2)) USING iceberg");
        spark.sql("CREATE TABLE gold.tt_days (day int, orders bigint) USING iceberg");
        List<Commit> orders = new ArrayList<>();
        List<Commit> days = new ArrayList<>();
        long rows = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (int batch = 1; batch <= 5; batch++) {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < batch * 3; i++) {
                long id = rows + i;
                BigDecimal amount = BigDecimal.valueOf(id * 125 + batch, 2);
                values.append(i == 0 ? "" : ", ").append("(").append(id).append(", ").append(amount).append(")");
                sum = sum.add(amount);
            }
            rows += batch * 3;
            spark.sql("INSERT INTO silver.tt_orders VALUES " + values);
            orders.add(commit("silver.tt_orders", rows, sum));
            Thread.sleep(15);
            spark.sql("INSERT INTO gold.tt_days VALUES (" + batch + ", " + rows + ")");
            days.add(commit("gold.tt_days", batch, BigDecimal.valueOf(rows)));
            Thread.sleep(15);
        }
        // later snapshots' files compacted: the old snapshots still read their own files
        spark.sql("CALL system.rewrite_data_files(table => 'silver.tt_orders', options => map('min-input-files', '2'))");
        assertThat(count("silver.tt_orders")).isEqualTo(rows);

        for (int i = 0; i < orders.size(); i++) {
            Commit o = orders.get(i);
            for (AsOf asOf : List.of(AsOf.snapshot(o.snapshotId()), AsOf.time(o.at()))) {
                SqlCommand.Result r = sql.runAsOf("SELECT count(*), sum(amount) FROM silver.tt_orders", asOf, timeTravel);
                assertThat(r.rows()).as(asOf.toString()).containsExactly(List.of(o.rows(), o.sum()));
                assertThat(r.readAt()).extracting(ReadAt::snapshotId).containsExactly(o.snapshotId());
            }
            if (i == 0) {
                continue; // gold.tt_days had no snapshot yet: a read of it then is refused (below)
            }
            // silver.tt_orders at its snapshot, gold.tt_days at that snapshot's time: its commit just before
            SqlCommand.Result joined = sql.runAsOf("SELECT (SELECT count(*) FROM silver.tt_orders), "
                    + "(SELECT max(day) FROM gold.tt_days), (SELECT sum(orders) FROM gold.tt_days)",
                    AsOf.snapshot(o.snapshotId()), timeTravel);
            Commit dayBefore = days.get(i - 1);
            long ordersBefore = orders.stream().limit(i).mapToLong(Commit::rows).sum();
            assertThat(joined.rows()).containsExactly(List.of(o.rows(), i, ordersBefore));
            assertThat(joined.readAt()).extracting(ReadAt::snapshotId)
                    .containsExactlyInAnyOrder(o.snapshotId(), dayBefore.snapshotId());
        }
        assertThatThrownBy(() -> sql.runAsOf("SELECT count(*) FROM gold.tt_days", AsOf.time(orders.get(0).at()),
                timeTravel)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gold.tt_days has no snapshot at " + orders.get(0).at())
                .hasMessageContaining("its oldest kept snapshot, " + days.get(0).snapshotId());
    }

    @Test
    void pointsTheKeptHistoryDoesNotReachAndStatementsItCannotPinAreBadInput() throws Exception {
        spark.sql("CREATE TABLE silver.tt_expiring (id bigint) USING iceberg");
        List<Commit> commits = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            spark.sql("INSERT INTO silver.tt_expiring VALUES (" + i + ")");
            commits.add(commit("silver.tt_expiring", i, BigDecimal.valueOf(i)));
            Thread.sleep(15);
        }
        spark.sql("CALL system.expire_snapshots(table => 'silver.tt_expiring', older_than => TIMESTAMP '"
                + java.sql.Timestamp.from(commits.get(2).at()) + "', retain_last => 1)");
        long expired = commits.get(0).snapshotId();
        assertThatThrownBy(() -> sql.runAsOf("SELECT * FROM silver.tt_expiring", AsOf.snapshot(expired), timeTravel))
                .isInstanceOf(BadInputException.class)
                .hasMessage("no table of the query (silver.tt_expiring) has snapshot " + expired + ": alluvium table "
                        + "history <table> lists the snapshots a table keeps (expired ones are gone)");
        assertThatThrownBy(() -> sql.runAsOf("SELECT * FROM silver.tt_expiring", AsOf.time(commits.get(1).at()),
                timeTravel)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("its oldest kept snapshot, " + commits.get(2).snapshotId());
        assertThat(sql.runAsOf("SELECT count(*) FROM silver.tt_expiring", AsOf.time(commits.get(2).at()), timeTravel)
                .rows()).containsExactly(List.of(3L));

        assertThatThrownBy(() -> sql.runAsOf("SELECT * FROM silver.tt_expiring VERSION AS OF "
                + commits.get(2).snapshotId(), AsOf.time(Instant.now()), timeTravel))
                .isInstanceOf(BadInputException.class).hasMessageContaining("use that or --as-of, not both");
        assertThatThrownBy(() -> sql.runAsOf("DELETE FROM silver.tt_expiring", AsOf.time(Instant.now()), timeTravel))
                .isInstanceOf(BadInputException.class).hasMessageContaining("it takes a query");
        assertThatThrownBy(() -> sql.runAsOf("WITH t AS (SELECT 1 AS x) SELECT x FROM t", AsOf.time(Instant.now()),
                timeTravel)).isInstanceOf(BadInputException.class).hasMessageContaining("reads none of them");
        assertThatThrownBy(() -> AsOf.parse("yesterday")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("got \"yesterday\"");
        assertThat(AsOf.parse("2026-11-02T10:00:00+01:00")).isEqualTo(AsOf.time(Instant.parse("2026-11-02T09:00:00Z")));
    }

    @Test
    void rollbackSetsSilverBackRefusesBronzeAndATagNamesASnapshotToReadLater() throws Exception {
        spark.sql("CREATE TABLE silver.tt_rollback (id bigint) USING iceberg");
        spark.sql("CREATE TABLE bronze.tt_raw (id bigint) USING iceberg");
        List<Commit> commits = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            spark.sql("INSERT INTO silver.tt_rollback VALUES (" + i + ")");
            spark.sql("INSERT INTO bronze.tt_raw VALUES (" + i + ")");
            commits.add(commit("silver.tt_rollback", i, BigDecimal.valueOf(i)));
            Thread.sleep(15);
        }
        TableVersions versions = new TableVersions(catalog);
        TableVersions.Change tagged = versions.tag(TableId.parse("silver.tt_rollback"), "before_fix", null);
        assertThat(tagged.toSnapshotId()).isEqualTo(commits.get(2).snapshotId());
        assertThatThrownBy(() -> versions.tag(TableId.parse("silver.tt_rollback"), "before_fix", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("already has a tag named before_fix");
        assertThatThrownBy(() -> versions.tag(TableId.parse("silver.tt_rollback"), "1 bad", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("got \"1 bad\"");

        TableVersions.Change back = versions.rollback(TableId.parse("silver.tt_rollback"),
                AsOf.time(commits.get(0).at()));
        assertThat(back.fromSnapshotId()).isEqualTo(commits.get(2).snapshotId());
        assertThat(back.toSnapshotId()).isEqualTo(commits.get(0).snapshotId());
        assertThat(count("silver.tt_rollback")).isEqualTo(1);
        // the tag still reads the state it named
        assertThat(sql.run("SELECT count(*) FROM silver.tt_rollback VERSION AS OF 'before_fix'", false).rows())
                .containsExactly(List.of(3L));
        assertThat(new TableInspector(catalog).history("silver.tt_rollback").snapshots())
                .filteredOn(s -> s.snapshotId() == commits.get(2).snapshotId())
                .singleElement().satisfies(s -> assertThat(s.refs()).containsExactly("tag:before_fix"));

        assertThatThrownBy(() -> versions.rollback(TableId.parse("bronze.tt_raw"), AsOf.time(commits.get(0).at())))
                .isInstanceOf(BadInputException.class).hasMessageContaining("bronze.tt_raw cannot be rolled back");
        assertThat(count("bronze.tt_raw")).isEqualTo(3);
        assertThatThrownBy(() -> versions.rollback(TableId.parse("silver.tt_rollback"), AsOf.snapshot(42)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("silver.tt_rollback has no snapshot 42");
    }

    private static Commit commit(String table, long rows, BigDecimal sum) {
        Table t = catalog.loadTable(TableIdentifier.parse(table));
        Snapshot s = t.currentSnapshot();
        return new Commit(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()), rows, sum);
    }

    private static long count(String table) {
        return spark.sql("SELECT count(*) FROM " + table).first().getLong(0);
    }
}
