package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.spark.bench.SkewBench;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code bench skew} as a test run on real Spark (docs/doctor.md, "Skew"), on Zipf-skewed Silver rows
 * ({@link ZipfSilver}) where 61 % of the clicks are one user's: salting the hot key lowers the join stage's
 * slowest/median task ratio, and the salted join gives the same rows as the plain one.
 */
class SkewBenchTest {
    private static final long CLICKS = 600_000;

    /** The platform's shuffle partitions (the test lake's 2 would leave a median of two tasks). */
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private static SparkSession spark;

    @BeforeAll
    static void skewedSilver() {
        spark = TestLake.spark();
        ZipfSilver.register(spark, CLICKS);
    }

    @AfterAll
    static void dropSilver() {
        ZipfSilver.drop(spark);
    }

    @Test
    void theFixLowersTheJoinStagesSlowestOverMedianTaskAndKeepsTheRows() {
        String partitions = spark.conf().get(SHUFFLE_PARTITIONS);
        spark.conf().set(SHUFFLE_PARTITIONS,
                String.valueOf(AlluviumConfig.defaults().getInt(AlluviumSettings.SPARK_SHUFFLE_PARTITIONS)));
        SkewBench.Result r;
        try {
            r = new SkewBench(spark, "silver_clickstream", "silver_orders").run(3, true, ProgressListener.NONE);
        } finally {
            spark.conf().set(SHUFFLE_PARTITIONS, partitions);
        }

        assertThat(r.workload()).matches("[0-9,]+ clicks joined with their user's order totals; one join per round"
                + " \\(--events\\)");
        SkewBench.Measure fix = r.measures().get(0);
        SkewBench.Measure baseline = r.measures().get(1);
        assertThat(fix.passesPerRound()).containsExactly(1, 1, 1);
        assertThat(fix.joinStageMaxOverMedian()).as(r.toString()).isLessThan(baseline.joinStageMaxOverMedian());
        assertThat(baseline.joinStageMaxOverMedian()).as("61 % of the clicks are one user's: above Spark's straggler"
                + " multiplier").isGreaterThan(1.5);
        assertThat(r.notes().get(0)).isEqualTo(String.format(Locale.ROOT, "join stage slowest/median task:"
                + " plain %.2f, salted %.2f (4 and 4 tasks)", baseline.joinStageMaxOverMedian(),
                fix.joinStageMaxOverMedian()));
        assertThat(r.comparisons()).filteredOn(c -> c.metric().startsWith("same rows")).singleElement()
                .satisfies(c -> assertThat(c.met()).isTrue());
        assertThat(spark.conf().get("spark.sql.adaptive.enabled")).as("the session's settings restored")
                .isEqualTo("false");
    }
}
