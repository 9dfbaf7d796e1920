package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One contender of a bench and what it achieved: records/s, MB/s (MB = 2^20 bytes, as Kafka's tools count)
 * and seconds, plus whatever else it measured (latencies, the single runs) in {@code details}. A figure a
 * contender does not measure is null (a build time has no MB/s).
 */
record BenchMeasure(String name, Double recordsPerSecond, Double mbPerSecond, Double seconds, ObjectNode details) {
    static final double MB = 1024.0 * 1024.0;
    private static final List<String> FIGURES = List.of("name", "records_per_s", "mb_per_s", "seconds");

    /** A throughput measured over {@code seconds}: records and bytes sent or written in that time. */
    static BenchMeasure of(String name, long records, long bytes, double seconds, ObjectNode details) {
        if (!(seconds > 0)) {
            throw new JobFailure(name + ": measured no time (" + seconds + " s)");
        }
        return new BenchMeasure(name, records / seconds, bytes / MB / seconds, seconds, details);
    }

    /** A measure as an engine module's bench reports it. */
    static BenchMeasure fromJson(JsonNode n) {
        if (!n.path("name").isTextual()) {
            throw new IllegalArgumentException("a measure needs a name: " + n);
        }
        ObjectNode details = Console.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : n.properties()) {
            if (!FIGURES.contains(field.getKey())) {
                details.set(field.getKey(), field.getValue());
            }
        }
        return new BenchMeasure(n.get("name").asText(), number(n, "records_per_s"), number(n, "mb_per_s"),
                number(n, "seconds"), details);
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " of \"" + n.path("name").asText() + "\" is not a number: " + v);
        }
        return v.asDouble();
    }

    ObjectNode toJson() {
        ObjectNode n = Console.JSON.createObjectNode();
        n.put("name", name);
        putRounded(n, "records_per_s", recordsPerSecond, 10);
        putRounded(n, "mb_per_s", mbPerSecond, 100);
        putRounded(n, "seconds", seconds, 1000);
        n.setAll(details);
        return n;
    }

    private static void putRounded(ObjectNode n, String field, Double value, int scale) {
        if (value != null) {
            n.put(field, Math.round(value * scale) / (double) scale);
        }
    }

    /** The row of the measures table: name, records/s, MB/s, seconds. */
    List<String> row() {
        return List.of(name, format("%,.0f", recordsPerSecond), format("%.1f", mbPerSecond), format("%.2f", seconds));
    }

    private static String format(String pattern, Double value) {
        return value == null ? "" : String.format(Locale.ROOT, pattern, value);
    }
}
