package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.architect.Knob.Ingestion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The priced options beside the defaults: Kinesis on-demand, MSK Express brokers and ElastiCache's Valkey
 * engine. Each is chosen only where the whole design costs less with it, says so with both totals, and
 * bills lines recomputed here by hand from list prices typed as literals.
 */
class PriceOptionsTest {
    private static final double H = 730;

    private static Design design(String yaml) {
        return Architect.design(Fixtures.parse(yaml), Calibration.defaults());
    }

    private static double total(Design d, Ingestion fixed) {
        return Sizing.of(d.requirements().withChoices(Map.of(Knob.INGESTION, fixed)), Calibration.defaults()).cost().total();
    }

    @Test
    void aSpikySmallStreamGoesOnDemandBecauseShardsSizedForItsPeakCostMore() {
        // 8.64 GB/day = 0.1 MB/s of 1 KB events, peak x50 = 5 MB/s: a Kinesis stream (no CDC, <= 5 MB/s).
        Design d = design("""
                volume: {per_day: 8.64 GB, event_size: 1 KB, peak_factor: 50}
                velocity: {mode: batch, latency: 30 min}
                """);
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.KINESIS_ON_DEMAND);
        // On-demand: a stream-hour; 8.64 million records/day x 30, each billed as 1 KiB, in at $0.08/GB and out once
        // (the landing job is the only consumer) at $0.04/GB.
        double gb = 8.64e6 * 30 * 1024 / 1e9;
        assertThat(d.cost().line("kinesis.stream")).isCloseTo(H * 0.04, within(1e-9));
        assertThat(d.cost().line("kinesis.data_in")).isCloseTo(gb * 0.08, within(1e-9));
        assertThat(d.cost().line("kinesis.data_out")).isCloseTo(gb * 0.04, within(1e-9));
        assertThat(d.cost().line("kinesis.shards")).isZero();
        // Provisioned: ceil(max(5 MB/s / 1, 5,000 records/s / 1,000) x 1.5) = 8 shards around the clock, and one
        // 25 KB PUT unit per record at $0.014 per million.
        double provisioned = 8 * H * 0.015 + 8.64e6 * 30 * 0.014 / 1e6;
        double onDemand = H * 0.04 + gb * 0.08 + gb * 0.04;
        assertThat(total(d, Ingestion.KINESIS) - d.cost().total()).isCloseTo(provisioned - onDemand, within(1e-6));
        assertThat(d.decisions().reason(Knob.INGESTION)).contains("kinesis " + Quantities.usd(total(d, Ingestion.KINESIS)),
                "kinesis_on_demand " + Quantities.usd(d.cost().total()));
        assertThat(d.services().get(0).service()).isEqualTo("Amazon Kinesis Data Streams (on-demand)");
    }

    @Test
    void aSteadyStreamKeepsProvisionedShards() {
        // 86.4 GB/day = 1 MB/s, peak x3: 5 shards ($54.75) and PUT units beat 2,592 GB in and out on demand.
        Design d = design("""
                volume: {per_day: 86.4 GB, event_size: 1 KB, peak_factor: 3}
                velocity: {mode: batch, latency: 30 min}
                """);
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.KINESIS);
        assertThat(d.cost().line("kinesis.shards")).isCloseTo(5 * H * 0.015, within(1e-9));
    }

    @Test
    void longRetentionAtHighThroughputGoesToExpressBrokers() {
        Design d = design("""
                volume: {per_day: 20 TB, retention: {log: 30 d}}
                velocity: {mode: streaming, latency: 1 s}
                """);
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.MSK_EXPRESS);
        // 20 TB/day = 231.5 MB/s, peak x3 = 694.4 MB/s; partitions 3 x ceil(max(ceil(694.4 x 1.5 / 10) = 105, 53 slots, 6) / 3) = 105.
        // Express: 3 x ceil(max(ceil(694.4 / 31.2) = 23, ceil(105 x 3 / 1,000) = 1, 3) / 3) = 24 brokers at $0.816;
        // the log once, zstd 0.3: 20 TB x 0.3 x 30 d = 180,000 GB at $0.10, and 20 TB x 0.3 x 30 d written at $0.01.
        assertThat(d.capacity().value("msk_brokers")).isEqualTo(24);
        assertThat(d.cost().line("msk.brokers")).isCloseTo(24 * H * 0.816, within(1e-6));
        assertThat(d.cost().line("msk.storage")).isCloseTo(180_000 * 0.10, within(1e-6));
        assertThat(d.cost().line("msk.written")).isCloseTo(180_000 * 0.01, within(1e-6));
        // Standard: 3 x ceil(max(ceil(694.4 x 3 / 50) = 42, 1, 3) / 3) = 42 m7g brokers at $0.408 and every replica on disk.
        Design standard = Architect.design(d.requirements().withChoices(Map.of(Knob.INGESTION, Ingestion.MSK)), Calibration.defaults());
        assertThat(standard.capacity().value("msk_brokers")).isEqualTo(42);
        assertThat(standard.cost().line("msk.brokers") + standard.cost().line("msk.storage"))
                .isCloseTo(42 * H * 0.408 + 3 * 180_000 * 0.10, within(1e-6));
        assertThat(d.decisions().reason(Knob.INGESTION)).contains("msk " + Quantities.usd(standard.cost().total()),
                "msk_express " + Quantities.usd(d.cost().total()));
        assertThat(d.services().get(0).rejected()).extracting(ServiceChoice.Rejected::alternative).first().isEqualTo("Amazon MSK Standard brokers");
    }

    @Test
    void aSmallKafkaClusterStaysOnStandardBrokers() {
        // Q2: 40 MB/s peak on 3 brokers either way, 7 d of log: half the broker-hour wins.
        Design d = Fixtures.design("q2-fraud-detection.yaml");
        assertThat(d.decisions().get(Knob.INGESTION)).isEqualTo(Ingestion.MSK);
        assertThat(total(d, Ingestion.MSK_EXPRESS)).isGreaterThan(d.cost().total());
    }

    @Test
    void theServingCacheRunsValkeyAndSaysWhatRedisOssWouldCostMore() {
        Design d = Fixtures.design("q2-fraud-detection.yaml");
        // 2 cache.r6g.large nodes x 730 h at Valkey's $0.1648 (Redis OSS $0.206, 20% more).
        assertThat(d.cost().line("elasticache.nodes")).isCloseTo(2 * H * 0.1648, within(1e-9));
        ServiceChoice cache = d.services().stream().filter(s -> s.service().equals("Amazon ElastiCache for Valkey")).findFirst().orElseThrow();
        assertThat(cache.rejected().get(0).alternative()).isEqualTo("ElastiCache for Redis OSS");
        assertThat(cache.rejected().get(0).whyNot()).contains(Quantities.usd(2 * H * (0.206 - 0.1648)) + "/month more for 2 nodes");
    }
}
