package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties that must hold for any input: more data or longer retention never costs less; partitions cover the peak. */
class CostPropertiesTest {
    private static final List<Double> FACTORS = List.of(0.1, 0.5, 1.0, 2.0, 5.0, 20.0);

    @ParameterizedTest
    @ValueSource(strings = {"q4-spark-cost-after.yaml", "q2-fraud-detection.yaml", "streaming-millions.yaml", "q5-failing-lake.yaml"})
    void costGrowsMonotonicallyWithVolume(String example) {
        Requirements r = Fixtures.requirements(example).withChoices(Sizing.of(Fixtures.requirements(example), Calibration.defaults()).decisions().all());
        double previous = 0;
        for (double f : FACTORS) {
            double cost = Sizing.of(r.withVolumeScaled(f), Calibration.defaults()).cost().total();
            assertThat(cost).as("cost at %sx volume", f).isGreaterThanOrEqualTo(previous);
            previous = cost;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"q4-spark-cost-after.yaml", "q1-100tb-logs.yaml", "lakehouse.yaml"})
    void costGrowsMonotonicallyWithRetention(String example) {
        Requirements r = Fixtures.requirements(example).withChoices(Sizing.of(Fixtures.requirements(example), Calibration.defaults()).decisions().all());
        double previous = 0;
        for (double f : FACTORS) {
            double cost = Sizing.of(r.withRetentionScaled(f), Calibration.defaults()).cost().total();
            assertThat(cost).as("cost at %sx retention", f).isGreaterThanOrEqualTo(previous);
            previous = cost;
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.3, 1, 7, 50, 400, 2000})
    void kafkaPartitionsAndFlinkSlotsCoverThePeakWithHeadroom(double mbPerSecond) {
        Requirements r = Fixtures.parse("""
                volume: {events_per_s: %s, event_size: 1 KB, peak_factor: 3}
                velocity: {mode: streaming, latency: 1 s}
                choices: {ingestion: msk}
                """.formatted(mbPerSecond * 1000));
        Calibration cal = Calibration.defaults();
        CapacityPlan c = Sizing.of(r, cal).capacity();
        double peakMb = mbPerSecond * 3;
        assertThat(c.partitions * cal.kafkaPartitionMbPerSecond().value()).isGreaterThanOrEqualTo(peakMb * CapacityPlan.HEADROOM);
        assertThat(c.partitions).isGreaterThanOrEqualTo(c.flinkLandingParallelism);
        assertThat(c.flinkRealtimeParallelism * cal.flinkRowsPerSecondPerSlot().value()).isGreaterThanOrEqualTo(c.peakEventsPerSecond * CapacityPlan.HEADROOM);
        assertThat(c.brokers * CapacityPlan.BROKER_MB_PER_S).isGreaterThanOrEqualTo(peakMb * CapacityPlan.REPLICATION);
        assertThat(c.brokers * CapacityPlan.PARTITIONS_PER_BROKER).isGreaterThanOrEqualTo(c.partitions * CapacityPlan.REPLICATION);
        assertThat(c.brokers % 3).isZero();
    }
}
