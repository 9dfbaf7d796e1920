package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Compression per layer: uncompressed producer batches and Bronze are billed raw, measured ratios reach the
 * layers they describe, and the remedies (producer zstd, Bronze zstd, a shorter Kafka retention) are priced;
 * every figure recomputed here by hand.
 */
class CompressionByHandTest {

    private static Design design(String yaml) {
        return Architect.design(Fixtures.parse(yaml), Calibration.defaults());
    }

    private static Optimization named(Design d, String prefix) {
        return d.optimizations().stream().filter(o -> o.name().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void uncompressedProducerBatchesAreBilledRawOnBrokersAndAcrossAzsAndZstdIsPriced() {
        Design d = design("""
                volume: {events_per_s: 10000, event_size: 1 KB, peak_factor: 2, retention: {log: 7 d}, compression: {producer: 0.4}}
                velocity: {mode: streaming, latency: 1 s}
                choices: {ingestion: msk, fetch_from_follower: false, producer_compression: none}
                """);
        // 10 MB/s x 86,400 s x 7 d x RF 3 / 1,000 = 18,144 GB at $0.10; 864 GB/day x 2/3 x (1 produce + 2 consumer groups) x 30 x 2 x $0.01.
        double storage = 18_144 * 0.10;
        double crossAz = 864 * 2.0 / 3 * 3 * 30 * 2 * 0.01;
        assertThat(d.cost().line("msk.storage")).isCloseTo(storage, within(1e-9));
        assertThat(d.cost().line("cross_az.kafka")).isCloseTo(crossAz, within(1e-9));
        // zstd at the measured 0.4 keeps 40% of both lines and moves nothing else.
        assertThat(named(d, "producer_compression: none -> zstd").savingsUsd()).isCloseTo((storage + crossAz) * 0.6, within(1e-6));
        // One day of log instead of seven keeps 1/7 of the broker storage.
        assertThat(named(d, "Kafka log retention 7 d -> 1 d").savingsUsd()).isCloseTo(storage * 6 / 7, within(1e-6));
    }

    @Test
    void uncompressedBronzeIsStoredRawAndZstdIsPriced() {
        Design d = design("""
                volume: {per_day: 1 TB, sources: 100}
                velocity: {mode: batch, latency: 1 h}
                choices: {ingestion: s3_direct, lifecycle_tiers: false, bronze_compression: none}
                """);
        assertThat(d.capacity().value("bronze_bytes_per_day")).isCloseTo(1e12, within(1.0));
        assertThat(d.capacity().value("bronze_stored_gb")).isCloseTo(90_000, within(1e-6));
        // S3 Standard holds Bronze, Silver 120 GB x 365 d = 43,800 and Gold 6 GB x 730 d = 4,380: 138,180 GB raw, or
        // 22,500 + 43,800 + 4,380 = 70,680 GB with Bronze at 0.25; first 50 TB at $0.023, the rest at $0.022.
        double raw = 50_000 * 0.023 + (138_180 - 50_000) * 0.022;
        double zstd = 50_000 * 0.023 + (70_680 - 50_000) * 0.022;
        // Compaction PUTs: ceil(1 TB / 256 MB) = 3,907 vs ceil(250 GB / 256 MB) = 977 a day; 100 agents land 14,400 files either way.
        double puts = (3_907 - 977) * 30 * 0.005 / 1000;
        assertThat(named(d, "bronze_compression: none -> zstd").savingsUsd()).isCloseTo(raw - zstd + puts, within(1e-6));
    }

    @Test
    void measuredRatiosReachTheirLayers() {
        Design d = design("""
                volume: {per_day: 1 TB, compression: {bronze: 0.5, silver: 0.2}}
                velocity: {mode: batch, latency: 1 h}
                """);
        assertThat(d.capacity().value("bronze_bytes_per_day")).isCloseTo(0.5e12, within(1.0));
        assertThat(d.capacity().value("silver_bytes_per_day")).isCloseTo(0.2e12, within(1.0));
        assertThat(d.capacity().value("gold_bytes_per_day")).isCloseTo(0.2e12 * 0.05, within(1.0));
        assertThat(d.requirements().assumptions()).extracting(Assumption::field)
                .contains("volume.compression.producer").doesNotContain("volume.compression.bronze", "volume.compression.silver");
    }
}
