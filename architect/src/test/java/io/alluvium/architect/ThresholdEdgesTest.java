package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alluvium.architect.Bottleneck.Kind;
import io.alluvium.architect.Bottleneck.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings at the edges of their thresholds: values just inside a limit are reported as near, key skew is
 * assessed on every keyed resource of a stream, a finding whose driver is zero is not reported, and every
 * finding carries the monthly dollars at stake, recomputed here by hand.
 */
class ThresholdEdgesTest {
    private static final double S3_PUT = 0.005 / 1000;
    private static final double S3_GET = 0.0004 / 1000;

    private static Design design(String yaml) {
        return Architect.design(Fixtures.parse(yaml), Calibration.defaults());
    }

    private static List<Bottleneck> of(Design d, Kind kind) {
        return d.bottlenecks().stream().filter(b -> b.kind() == kind).toList();
    }

    private static String agents(int sources) {
        return """
                volume: {per_day: 1 TB, sources: %d}
                velocity: {mode: batch, latency: 1 h}
                users: {patterns: [sql], sql_queries_per_day: 0}
                choices: {ingestion: s3_direct, compaction: false, warehouse: athena, serving: none}
                """.formatted(sources);
    }

    @Test
    void filesAFewPercentAboveTheSmallFileLimitAreNearAndCarryTheirRequestBill() {
        Design d = design(agents(25));
        // 25 agents x 86,400 s / 600 s = 3,600 files/day (above 1 TB x 0.25 / 100 MB = 2,500) of 250 GB / 3,600 = 69.4 MB: 8.5% above 64 MB.
        assertThat(d.capacity().value("landing_file_bytes_avg")).isCloseTo(250e9 / 3_600, within(1.0));
        assertThat(d.bottlenecks()).extracting(Bottleneck::kind).containsExactly(Kind.SMALL_FILES);
        Bottleneck small = d.bottlenecks().get(0);
        assertThat(small.severity()).isEqualTo(Severity.NEAR);
        // PUTs/day: 3,600 landed + 3,600 Silver (one per input, no compaction) + 24 runs x 200 shuffle files = 4,800 Gold
        // + (24 landing + 48) commits x 3 = 216 metadata = 12,216. GETs/day: 3,600 landed + 8,400 Silver/Gold (no queries) = 12,000.
        assertThat(small.stake().usdPerMonth()).isCloseTo(12_216 * 30 * S3_PUT + 12_000 * 30 * S3_GET, within(1e-9));
        assertThat(small.stake().basis()).isEqualTo("s3.put + s3.get");
        // 30 agents land 4,320 files of 57.9 MB: below the limit, reached.
        assertThat(of(design(agents(30)), Kind.SMALL_FILES)).singleElement().extracting(Bottleneck::severity).isEqualTo(Severity.REACHED);
    }

    @Test
    void aHotKeyExactlyAtThePartitionLimitIsNearAndJustAboveItIsReached() {
        String yaml = """
                volume: {events_per_s: 10000, event_size: 1 KB, peak_factor: 2, hot_key_share: %s}
                velocity: {mode: streaming, latency: 1 s}
                choices: {ingestion: msk}
                """;
        // 10 MB/s average x 2 peak x 0.5 = 10 MB/s on the hot key's partition: exactly the 10 MB/s per partition.
        Design at = design(yaml.formatted("0.5"));
        Bottleneck hot = of(at, Kind.HOT_PARTITION).get(0);
        assertThat(hot.severity()).isEqualTo(Severity.NEAR);
        assertThat(hot.observed()).contains("= 10 MB/s on one partition");
        // Brokers: max(ceil(20 x 3 / 50) = 2, ceil(6 partitions x 3 / 1,000) = 1, 3) = 3 kafka.m7g.xlarge x 730 h x $0.408.
        assertThat(hot.stake().usdPerMonth()).isCloseTo(3 * 730 * 0.408, within(1e-9));
        // 0.51 x 20 MB/s = 10.2 MB/s: reached.
        assertThat(of(design(yaml.formatted("0.51")), Kind.HOT_PARTITION)).singleElement().extracting(Bottleneck::severity)
                .isEqualTo(Severity.REACHED);
        // 0.39 x 20 = 7.8 MB/s, under 80% of the limit: not reported.
        assertThat(of(design(yaml.formatted("0.39")), Kind.HOT_PARTITION)).isEmpty();
    }

    @Test
    void keySkewIsAssessedOnAKinesisStreamToo() {
        Design d = design("""
                volume: {events_per_s: 2000, event_size: 1 KB, peak_factor: 2, hot_key_share: 0.3}
                velocity: {mode: streaming, latency: 1 s}
                choices: {ingestion: kinesis}
                """);
        // Peak 4,000 records/s and 4 MB/s; the hot key is 30%: 1,200 records/s and 1.2 MB/s on one shard (limit 1,000 and 1 MB/s).
        Bottleneck shard = of(d, Kind.HOT_PARTITION).get(0);
        assertThat(shard.title()).isEqualTo("Hot Kinesis shard");
        assertThat(shard.severity()).isEqualTo(Severity.REACHED);
        assertThat(shard.observed()).contains("1.2 MB/s and 1,200 records/s");
        // Shards: ceil(max(4 MB/s / 1, 4,000 / 1,000) x 1.5) = 6 x 730 h x $0.015.
        assertThat(shard.stake().usdPerMonth()).isCloseTo(6 * 730 * 0.015, within(1e-9));
        // One Flink slot takes 20,000 rows/s: 1,200 is far from it, so no Flink finding.
        assertThat(d.bottlenecks()).noneMatch(b -> b.title().equals("Hot key in Flink"));
    }

    @Test
    void aScanBottleneckNeedsQueries() {
        String yaml = """
                volume: {per_day: 1 TB, retention: {silver: 365 d}}
                velocity: {mode: batch, latency: 1 d}
                users: {patterns: [sql], sql_queries_per_day: %d}
                choices: {curated_format: json, partitioned: false, warehouse: athena, serving: none}
                """;
        // JSON Silver, no partitions: 1 TB/day x 365 d x 1.0 (every column) x 1.0 (no skipping) = 365 TB per query.
        Design none = design(yaml.formatted(0));
        assertThat(none.capacity().value("sql_bytes_per_query")).isCloseTo(365e12, within(1.0));
        assertThat(none.bottlenecks()).extracting(Bottleneck::kind).doesNotContain(Kind.FULL_SCANS, Kind.CONCURRENCY_LIMIT);
        Bottleneck scans = of(design(yaml.formatted(10)), Kind.FULL_SCANS).get(0);
        // 10 queries x 365 TB x 30 days = 109,500 TB at $5 per TB.
        assertThat(scans.stake().usdPerMonth()).isCloseTo(109_500 * 5.0, within(1e-6));
    }

    @Test
    void anIdleClusterCarriesTheDollarsOfItsIdleHours() {
        Design d = Fixtures.design("q5-failing-lake.yaml");
        Bottleneck idle = of(d, Kind.IDLE_CLUSTER).get(0);
        // 2 TB/day of 800 B = 2.5e9 events x 1.5 passes = 3.75e9 rows in one 4 h run: ceil(3.75e9 / (25,000 x 14,400)) = 11 cores = 1 node.
        // Always on, x86 On-Demand: worker and primary 24 h x 30 x $0.768 each, EMR fee 1,440 h x $0.192; busy 4 h of 24.
        double cluster = 2 * 24 * 30 * 0.768 + 2 * 24 * 30 * 0.192;
        assertThat(idle.stake().usdPerMonth()).isCloseTo(cluster * 20 / 24, within(1e-9));
        assertThat(idle.stake().basis()).startsWith("83.3% idle of emr.ec2_workers");
    }

    @Test
    void hourlyPerRunClustersPayTheirStartUpAndSayWhatFitsTheCadence() {
        Design d = design("""
                volume: {per_day: 1 TB}
                velocity: {mode: hybrid, latency: 1 s}
                choices: {batch_compute: emr, cluster: ephemeral}
                """);
        // Hybrid: hourly Silver/Gold runs, each in half an hour. 1e9 events x 1.5 passes / 24 runs / (25,000 x 1,800 s) -> 2 cores, 1 node.
        // Each run bills 30 min + 8 min start-up on the worker and the primary: 0.6333 h x 24 = 15.2 instance-hours a day each.
        double runHours = 0.5 + 8 / 60.0;
        assertThat(d.capacity().value("emr_worker_hours_per_day")).isCloseTo(runHours * 24, within(1e-9));
        Bottleneck startup = of(d, Kind.STARTUP_OVERHEAD).get(0);
        // 8 min of each 60 min interval = 13.3% > 10%.
        assertThat(startup.severity()).isEqualTo(Severity.REACHED);
        assertThat(startup.observed()).contains("= 13.3% of the 60 min between runs");
        // Graviton Spot workers (40% of $0.6528 after the 60% saving), the On-Demand primary and the EMR fee on both, 30 days;
        // the start-up share of each billed run is 8 / 38 min.
        double month = runHours * 24 * 30;
        double cluster = month * 0.6528 * 0.4 + month * 0.6528 + 2 * month * 0.1632;
        assertThat(startup.stake().usdPerMonth()).isCloseTo(cluster * 8 / 38, within(1e-6));
        // A daily run starts once: 8 min of 24 h is no finding.
        assertThat(of(Fixtures.design("q4-spark-cost-after.yaml"), Kind.STARTUP_OVERHEAD)).isEmpty();
    }

    @Test
    void everyFindingOfEveryExampleCarriesItsDollars() {
        for (String f : List.of("batch-50tb.yaml", "q1-100tb-logs.yaml", "q3-redshift.yaml", "q4-spark-cost-before.yaml", "q5-failing-lake.yaml",
                "streaming-millions.yaml")) {
            Design d = Fixtures.design(f);
            assertThat(d.bottlenecks()).as(f).isNotEmpty().allSatisfy(b -> {
                assertThat(b.stake().usdPerMonth()).as(f + " " + b.title()).isPositive();
                assertThat(b.stake().basis()).as(f + " " + b.title()).isNotBlank().doesNotContain("no billed line");
            });
        }
    }
}
