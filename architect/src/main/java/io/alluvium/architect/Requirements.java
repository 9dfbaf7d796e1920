package io.alluvium.architect;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The constraints of the seed's step 1 (volume, velocity, variety, users, SLA, security, cost,
 * evolution), complete: whatever the file left out has been filled in and listed in {@link #assumptions()}.
 * Exists so that the rest of the architect computes from one validated value, never from raw YAML.
 */
public record Requirements(
        String name,
        String description,
        String region,
        Volume volume,
        Velocity velocity,
        Set<DataKind> variety,
        Usage usage,
        Sla sla,
        Security security,
        OptionalDouble budgetUsdPerMonth,
        double growthPerYear,
        Map<Knob<?>, Knob.Choice> fixedChoices,
        List<Symptom> symptoms,
        Optional<Deployment> deployment,
        Optional<DecisionPath> decisionPath,
        List<Assumption> assumptions) {

    /**
     * The per-event decision a streaming design makes within velocity.latency (a fraud score, say): how long the
     * model takes at p99 and how many serving-store reads fetch its features.
     */
    public record DecisionPath(double inferenceSeconds, int featureLookups) {
    }

    /**
     * The EMR cluster running today, as a cost review states it: node count and hours busy a day, each
     * empty when not stated (the architect then sizes it from the work).
     */
    public record Deployment(OptionalDouble emrNodes, OptionalDouble busyHoursPerDay) {
    }

    /** Velocity class of the workload. */
    public enum Mode { BATCH, STREAMING, HYBRID }

    /** Variety of the sources. */
    public enum DataKind { STRUCTURED, SEMI_STRUCTURED, UNSTRUCTURED, CDC }

    /** How the data is used. */
    public enum QueryPattern { SQL, DASHBOARDS, ML_FEATURES, POINT_LOOKUPS, SEARCH }

    /** Encryption at rest. */
    public enum Encryption { SSE_S3, SSE_KMS, NONE }

    /** Days kept per layer; {@code log} is the Kafka/Kinesis replay window. */
    public record Retention(double logDays, double bronzeDays, double silverDays, double goldDays) {
        Retention scaled(double factor) {
            return new Retention(logDays * factor, bronzeDays * factor, silverDays * factor, goldDays * factor);
        }
    }

    /**
     * Compressed over raw bytes where a codec is applied: producer batches on the log, Bronze objects, Silver
     * and Gold as Parquet. A layer left uncompressed (choices.producer_compression or bronze_compression none)
     * stores raw bytes whatever its ratio here.
     */
    public record Compression(double producer, double bronze, double parquet) {
    }

    /** How much data arrives and how unevenly. */
    public record Volume(double bytesPerDay, double eventBytes, double peakFactor, double hotKeyShare,
                         int sources, Retention retention, Compression compression) {
        public double eventsPerDay() {
            return bytesPerDay / eventBytes;
        }

        public double avgEventsPerSecond() {
            return eventsPerDay() / Quantities.SECONDS_PER_DAY;
        }

        public double peakEventsPerSecond() {
            return avgEventsPerSecond() * peakFactor;
        }

        public double avgMbPerSecond() {
            return bytesPerDay / Quantities.SECONDS_PER_DAY / Quantities.MB;
        }

        public double peakMbPerSecond() {
            return avgMbPerSecond() * peakFactor;
        }
    }

    /**
     * How fast results are needed; {@code batchWindowHours} is the time one batch run may take. The landing
     * interval (micro-batch commit or agent flush) and the number of landing writers decide how many files
     * land; empty when the file leaves them to the design (they depend on the ingestion chosen).
     */
    public record Velocity(Mode mode, double latencySeconds, double batchWindowHours, OptionalDouble microBatchSeconds,
                           OptionalDouble writerParallelism) {
        /** Seconds between two batch runs: the latency target for batch, hourly Silver/Gold otherwise. */
        public double batchIntervalSeconds() {
            return mode == Mode.BATCH ? Math.min(latencySeconds, Quantities.SECONDS_PER_DAY) : 3600;
        }

        public double batchRunsPerDay() {
            return Quantities.SECONDS_PER_DAY / batchIntervalSeconds();
        }
    }

    /**
     * Who reads and how; {@code servingWindowDays} of Gold are kept online in the serving store; the p99 a
     * SQL or dashboard query must answer in, when stated (separate from the data's freshness); whether dashboard
     * users filter and drill down (then tiles computed in advance cannot answer them).
     */
    public record Usage(Set<QueryPattern> patterns, double sqlQueriesPerDay, double dashboardQueriesPerDay,
                        double queryWindowDays, double pointLookupsPerSecond, double servingWindowDays, OptionalDouble queryLatencySeconds,
                        boolean dashboardDrilldown) {
    }

    /** Service level. */
    public record Sla(double availabilityPercent, double rpoSeconds, double rtoSeconds) {
    }

    /** Security and compliance. */
    public record Security(boolean pii, Encryption encryption, String residency) {
    }

    public boolean streaming() {
        return velocity.mode() != Mode.BATCH;
    }

    /**
     * The same requirements with the daily volume multiplied (growth, 10x evolution, property tests); a stated
     * deployment describes today's volume, so the scaled design sizes its cluster to the work.
     */
    public Requirements withVolumeScaled(double factor) {
        Volume v = new Volume(volume.bytesPerDay() * factor, volume.eventBytes(), volume.peakFactor(),
                volume.hotKeyShare(), volume.sources(), volume.retention(), volume.compression());
        return new Requirements(name, description, region, v, velocity, variety, usage, sla, security,
                budgetUsdPerMonth, growthPerYear, fixedChoices, symptoms, Optional.empty(), decisionPath, assumptions);
    }

    /** The same requirements with every retention multiplied. */
    public Requirements withRetentionScaled(double factor) {
        Volume v = new Volume(volume.bytesPerDay(), volume.eventBytes(), volume.peakFactor(),
                volume.hotKeyShare(), volume.sources(), volume.retention().scaled(factor), volume.compression());
        return new Requirements(name, description, region, v, velocity, variety, usage, sla, security,
                budgetUsdPerMonth, growthPerYear, fixedChoices, symptoms, deployment, decisionPath, assumptions);
    }

    /** The same requirements without the stated deployment: the cluster sized to the work. */
    public Requirements withoutDeployment() {
        return new Requirements(name, description, region, volume, velocity, variety, usage, sla, security,
                budgetUsdPerMonth, growthPerYear, fixedChoices, symptoms, Optional.empty(), decisionPath, assumptions);
    }

    /** The same requirements with nothing fixed under {@code choices:}: what the architect would choose. */
    public Requirements withoutFixedChoices() {
        return new Requirements(name, description, region, volume, velocity, variety, usage, sla, security,
                budgetUsdPerMonth, growthPerYear, Map.of(), symptoms, deployment, decisionPath, assumptions);
    }

    /** The same requirements with some choices fixed (an optimization or a target state). */
    public Requirements withChoices(Map<Knob<?>, Knob.Choice> changes) {
        Map<Knob<?>, Knob.Choice> fixed = Knob.map();
        fixed.putAll(fixedChoices);
        fixed.putAll(changes);
        return new Requirements(name, description, region, volume, velocity, variety, usage, sla, security,
                budgetUsdPerMonth, growthPerYear, Map.copyOf(fixed), symptoms, deployment, decisionPath, assumptions);
    }
}
