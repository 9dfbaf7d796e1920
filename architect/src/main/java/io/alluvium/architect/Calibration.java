package io.alluvium.architect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The three throughput figures the capacity model divides by: per Kafka partition, per Flink slot, per
 * Spark core. Exists so that each figure says where it came from: measured by {@code alluvium bench}
 * (a {@code --calibration} file) or a documented default with its source.
 */
public record Calibration(Figure kafkaPartitionMbPerSecond, Figure flinkRowsPerSecondPerSlot,
                          Figure sparkRowsPerSecondPerCore, String measuredAt) {

    /** One throughput figure and its origin. */
    public record Figure(double value, boolean measured, String source) {
    }

    static final Figure DEFAULT_KAFKA = new Figure(10, false,
            "default: 10 MB/s per partition, the low end of \"10s of MB/s on a single partition\" "
                    + "(Confluent, J. Rao, How to choose the number of topics/partitions in a Kafka cluster)");
    static final Figure DEFAULT_FLINK = new Figure(20_000, false,
            "default: 20,000 rows/s per slot for JSON parse + keyed window (Alluvium planning figure; "
                    + "a Managed Flink KPU is 1 vCPU + 4 GB per AWS docs); replace with alluvium bench");
    static final Figure DEFAULT_SPARK = new Figure(25_000, false,
            "default: 25,000 rows/s per core for JSON -> typed, deduplicated Parquet (about 25 MB/s per core at 1 KB rows; "
                    + "Alluvium planning figure); replace with alluvium bench");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Calibration defaults() {
        return new Calibration(DEFAULT_KAFKA, DEFAULT_FLINK, DEFAULT_SPARK, null);
    }

    public boolean usedMeasurements() {
        return kafkaPartitionMbPerSecond.measured() || flinkRowsPerSecondPerSlot.measured() || sparkRowsPerSecondPerCore.measured();
    }

    /**
     * Reads a bench result. Keys: measured_at, kafka_producer_records_per_s (with kafka_record_bytes and
     * kafka_partitions), flink_landing_rows_per_s (with flink_parallelism), spark_rows_per_s_per_core; any
     * figure left out keeps its default; other keys are ignored so that bench may add more.
     */
    public static Calibration read(String source, String text) {
        SourceLines doc = SourceLines.parse(JSON, source, text);
        YamlSection s = YamlSection.root(doc);
        String at = s.text("measured_at").orElse("unknown date");
        String from = "measured by alluvium bench at " + at + " (" + source + ")";
        Figure kafka = s.number("kafka_producer_records_per_s", 1, 1e10).map(rps -> {
            double bytes = required(s, "kafka_record_bytes", "kafka_producer_records_per_s", 1, 1e8);
            double partitions = required(s, "kafka_partitions", "kafka_producer_records_per_s", 1, 1e6);
            double mbps = rps * bytes / partitions / Quantities.MB;
            return new Figure(mbps, true, from + ": " + Quantities.number(rps) + " records/s x " + Quantities.size(bytes)
                    + " / " + Quantities.number(partitions) + " partitions");
        }).orElse(DEFAULT_KAFKA);
        Figure flink = s.number("flink_landing_rows_per_s", 1, 1e10).map(rps -> {
            double parallelism = required(s, "flink_parallelism", "flink_landing_rows_per_s", 1, 1e5);
            return new Figure(rps / parallelism, true, from + ": " + Quantities.number(rps) + " rows/s / "
                    + Quantities.number(parallelism) + " slots");
        }).orElse(DEFAULT_FLINK);
        Figure spark = s.number("spark_rows_per_s_per_core", 1, 1e9)
                .map(v -> new Figure(v, true, from)).orElse(DEFAULT_SPARK);
        return new Calibration(kafka, flink, spark, at);
    }

    private static double required(YamlSection s, String key, String with, double min, double max) {
        Optional<Double> v = s.number(key, min, max);
        return v.orElseThrow(() -> s.error(with, key + " is required with it"));
    }
}
