package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A stated peak rate, micro-batch interval and writer parallelism reach the capacity figures they decide
 * (partitions and brokers; files, commits and snapshots; the PUT bill), each recomputed here by hand.
 */
class PeakAndLandingByHandTest {

    @Test
    void aStatedPeakRateSizesPartitionsAndBrokersInsteadOfTheDefaultFactor() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {events_per_s: 10000, event_size: 1 KB, peak_events_per_s: 70000}
                velocity: {mode: streaming, latency: 1 s}
                choices: {ingestion: msk}
                """), Calibration.defaults());
        // 10,000 events/s x 1 KB = 10 MB/s average; the stated peak 70,000 events/s is 7x, i.e. 70 MB/s.
        assertThat(d.requirements().volume().peakFactor()).isCloseTo(7, within(1e-9));
        assertThat(d.requirements().assumptions()).extracting(Assumption::field).doesNotContain("volume.peak_factor");
        assertThat(d.capacity().value("ingest_mb_per_s_peak")).isCloseTo(70, within(1e-9));
        // Partitions: round up to 3 of max(ceil(70 x 1.5 / 10) = 11, Flink ceil(70,000 x 1.5 / 20,000) = 6, 6) = 12.
        assertThat(d.capacity().value("flink_landing_parallelism")).isEqualTo(6);
        assertThat(d.capacity().value("kafka_partitions")).isEqualTo(12);
        // Brokers: round up to 3 of max(ceil(70 x 3 / 50) = 5, ceil(12 x 3 / 1,000) = 1, 3) = 6 (the default factor 3 gives 3).
        assertThat(d.capacity().value("msk_brokers")).isEqualTo(6);
    }

    @Test
    void microBatchIntervalAndWritersDecideStreamLandingFilesCommitsAndPuts() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {events_per_s: 10000, event_size: 1 KB, peak_factor: 2}
                velocity: {mode: streaming, latency: 1 s, micro_batch_interval: 5 min, writer_parallelism: 4}
                choices: {ingestion: msk, compaction: true, table_format: iceberg}
                """), Calibration.defaults());
        CapacityPlan c = d.capacity();
        // 4 writers x 86,400 s / 300 s = 1,152 files a day (the default, 2 writers every 60 s, would land 2,880).
        assertThat(c.value("landing_files_per_day")).isCloseTo(1_152, within(1e-9));
        // Bronze 864 GB x 0.25 = 216 GB/day over 1,152 files = 187.5 MB each.
        assertThat(c.value("landing_file_bytes_avg")).isCloseTo(187.5e6, within(1.0));
        // Commits: 86,400 / 300 = 288 landing + 24 hourly runs x 2 tables + 3 maintenance = 339; snapshots (288 + 48) x 5 d = 1,680.
        assertThat(c.value("table_commits_per_day")).isCloseTo(339, within(1e-9));
        assertThat(c.value("snapshots_retained")).isCloseTo(1_680, within(1e-9));
        // PUTs: 1,152 landed + Silver ceil(103.68 GB / 256 MB) = 405 + Gold max(24, 21) = 24 + compacted ceil(216 GB / 256 MB) = 844
        // + 339 x 3 metadata = 1,017.
        double puts = 1_152 + 405 + 24 + 844 + 1_017;
        assertThat(c.value("s3_put_per_day")).isCloseTo(puts, within(1e-9));
        assertThat(d.cost().line("s3.put")).isCloseTo(puts * 30 * 0.005 / 1000, within(1e-9));
        assertThat(d.failureModel().failures()).filteredOn(f -> f.component().equals("Flink jobs")).singleElement()
                .satisfies(f -> assertThat(f.recovery()).contains("every 5 min"));
    }

    @Test
    void theServingWindowSizesTheStoreInsteadOfOneFixedDay() {
        String yaml = """
                volume: {events_per_s: 10000, event_size: 1 KB}
                velocity: {mode: streaming, latency: 1 s}
                users: {patterns: [point_lookups], point_lookups_per_s: 1000, serving_window: 30 d}
                choices: {serving: %s}
                """;
        // Gold: 864 GB/day x 0.12 (Parquet) x 0.05 = 5.184 GB/day; 30 days online = 155.52 GB.
        Design dynamo = Architect.design(Fixtures.parse(yaml.formatted("dynamodb")), Calibration.defaults());
        assertThat(dynamo.capacity().value("serving_gb")).isCloseTo(155.52, within(1e-9));
        assertThat(dynamo.cost().line("dynamodb.storage")).isCloseTo(155.52 * 0.25, within(1e-9));
        // ElastiCache: 2 x max(1, ceil(11,000 ops/s / 100,000), ceil(155.52 GB / 13.07 GB) = 12) = 24 nodes (one day would need 2).
        Design cache = Architect.design(Fixtures.parse(yaml.formatted("elasticache")), Calibration.defaults());
        assertThat(cache.capacity().value("elasticache_nodes")).isEqualTo(24);
    }

    @Test
    void microBatchIntervalIsTheAgentsFlushWhenLogsLandDirectly() {
        Design d = Architect.design(Fixtures.parse("""
                volume: {per_day: 1 TB, sources: 100}
                velocity: {mode: batch, latency: 1 h, micro_batch_interval: 1 min}
                choices: {ingestion: s3_direct, compaction: false}
                """), Calibration.defaults());
        CapacityPlan c = d.capacity();
        // max(100 sources x 86,400 s / 60 s = 144,000, Bronze 250 GB / 100 MB = 2,500) = 144,000 files of 250 GB / 144,000 = 1.74 MB.
        assertThat(c.value("landing_files_per_day")).isCloseTo(144_000, within(1e-9));
        assertThat(c.value("files_per_spark_run")).isCloseTo(144_000 / 24.0, within(1e-9));
        assertThat(c.value("landing_file_bytes_avg")).isCloseTo(250e9 / 144_000, within(1.0));
        // An agent loses at most one flush interval: 1 min, within the default 1 h RPO of a batch design.
        assertThat(d.failureModel().failures()).filteredOn(f -> f.component().equals("log agents")).singleElement()
                .satisfies(f -> assertThat(f.recoveryPoint()).isEqualTo("<= 60 s"));
    }
}
