package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.bench.MaintenanceBench;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench maintenance} on real Spark and Iceberg, as a test run (one pass per round): a source of 600 rows is
 * written as 60 small files, compacted to one, and the figures are the medians of their rounds; the rows are the same
 * before and after compaction; its scratch tables are gone afterwards.
 */
class MaintenanceBenchTest {
    private static SparkSession spark;
    private static MaintenanceBench bench;

    @BeforeAll
    static void source() {
        spark = TestLake.spark();
        spark.sql("CREATE NAMESPACE IF NOT EXISTS mbench");
        spark.sql("CREATE TABLE mbench.events USING iceberg AS SELECT CAST(id % 2 AS int) AS kafka_partition,"
                + " id AS kafka_offset, concat('{\"event_id\":\"e', id, '\"}') AS payload FROM range(600)");
        spark.sql("CREATE TABLE mbench.tiny USING iceberg AS SELECT * FROM mbench.events LIMIT 15");
        bench = new MaintenanceBench(spark, new TableMaintenance(spark,
                MaintenancePolicy.of(AlluviumConfig.defaults()), Clock.systemUTC()));
    }

    @Test
    void compactionAndTheQueriesBeforeAndAfterAreMeasuredOnTheSameRows() {
        MaintenanceBench.Result r = bench.run("mbench.events", 3, true, ProgressListener.NONE);

        assertThat(r.workload()).startsWith("600 rows in 60 small files").contains("compacted to 1;");
        assertThat(r.measures()).extracting(MaintenanceBench.Measure::name).containsExactly(
                MaintenanceBench.COMPACTION, MaintenanceBench.PLAIN_COPY, "full scan, 1 file", "full scan, 60 files",
                "selective filter, 1 file", "selective filter, 60 files");
        assertThat(r.measures()).allSatisfy(m -> {
            assertThat(m.passesPerRound()).as(m.name()).containsExactly(1, 1, 1);
            assertThat(m.seconds()).as(m.name()).isPositive();
            // every measure reads the 600 rows once per pass
            assertThat(m.recordsPerS()).as(m.name()).isCloseTo(600 / m.seconds(), within(600 / m.seconds() * 0.5));
        });
        Map<String, MaintenanceBench.Comparison> comparisons = new java.util.HashMap<>();
        r.comparisons().forEach(c -> comparisons.put(c.metric(), c));
        assertThat(comparisons.get("same rows after compaction (count and checksum)").met()).isTrue();
        assertThat(comparisons.get("full scan: small files time / compacted time").ratio()).as(r.toString())
                .isCloseTo(seconds(r, "full scan, 60 files") / seconds(r, "full scan, 1 file"), within(0.01));
        assertThat(comparisons.get("compaction MB/s vs plain read + INSERT OVERWRITE").ratio())
                .isCloseTo(mbPerS(r, MaintenanceBench.COMPACTION) / mbPerS(r, MaintenanceBench.PLAIN_COPY), within(0.01));
        assertThat(r.notes().get(0)).startsWith("Iceberg scan planning on the driver (median of 3): 60 small files");
        assertThat(spark.catalog().tableExists(MaintenanceBench.SMALL_FILES)).as("scratch dropped").isFalse();
        assertThat(spark.catalog().tableExists(MaintenanceBench.COPY)).isFalse();
        assertThat(spark.table("mbench.events").count()).as("the source is only read").isEqualTo(600);
    }

    @Test
    void aSourceTooSmallToSplitIsBadInput() {
        assertThatThrownBy(() -> bench.run("mbench.tiny", 3, true, ProgressListener.NONE))
                .isInstanceOf(BadInputException.class)
                .hasMessage("mbench.tiny holds 15 rows: too few to write as small files (at least 20); land more"
                        + " events first");
    }

    private static double seconds(MaintenanceBench.Result r, String name) {
        return measure(r, name).seconds();
    }

    private static double mbPerS(MaintenanceBench.Result r, String name) {
        return measure(r, name).mbPerS();
    }

    private static MaintenanceBench.Measure measure(MaintenanceBench.Result r, String name) {
        List<MaintenanceBench.Measure> found = r.measures().stream().filter(m -> m.name().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
