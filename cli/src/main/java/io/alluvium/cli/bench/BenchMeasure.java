package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One contender of a bench and what it achieved: records/s, MB/s (MB = 2^20 bytes, as Kafka's tools count)
 * and seconds per round, each the median of its timed rounds, with the spread of its records/s over those
 * rounds ({@link RoundStatistics}), plus whatever else it measured (latencies) in {@code details}. A figure a
 * contender does not measure is null (a build time has no MB/s); a single measurement (a live step of the
 * realtime bench) has no rounds.
 */
record BenchMeasure(String name, Double recordsPerSecond, Double mbPerSecond, Double seconds, RoundStatistics rounds,
                    ObjectNode details) {
    static final double MB = 1024.0 * 1024.0;
    static final String RECORDS_PER_S = "records_per_s";
    /** The columns of the measures table, one {@link #row()} per measure: medians, and the spread of records/s. */
    static final List<String> HEADERS = List.of("measure", "records/s", "min–max", "spread", "MB/s", "s/round");
    private static final List<String> FIGURES = List.of("name", RECORDS_PER_S, "mb_per_s", "seconds", "rounds");
    /** Marks a figure whose rounds were too short, explained below the table. */
    private static final String SHORT_MARK = " *";

    /** One timed round of a contender: records and bytes sent or written in {@code seconds}. */
    record Round(long records, long bytes, double seconds) {
        Round {
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw new JobFailure("a bench round measured no time (" + seconds + " s)");
            }
        }

        double recordsPerSecond() {
            return records / seconds;
        }

        double mbPerSecond() {
            return bytes / MB / seconds;
        }
    }

    /** The medians of a contender's rounds, records/s with their spread, and MB/s. */
    static BenchMeasure of(String name, List<Round> rounds, ObjectNode details) {
        BenchMeasure records = recordsOnly(name, rounds, details);
        return new BenchMeasure(name, records.recordsPerSecond(),
                RoundStatistics.median(rounds.stream().map(Round::mbPerSecond).toList()), records.seconds(),
                records.rounds(), details);
    }

    /** As {@link #of}, for a contender whose bytes are not counted (lookups): no MB/s. */
    static BenchMeasure recordsOnly(String name, List<Round> rounds, ObjectNode details) {
        List<Double> seconds = rounds.stream().map(Round::seconds).toList();
        RoundStatistics stats = new RoundStatistics(rounds.stream().map(Round::recordsPerSecond).toList(), seconds);
        return new BenchMeasure(name, stats.median(), null, RoundStatistics.median(seconds), stats, details);
    }

    /** A measure as an engine module's bench reports it; its rounds' statistics are recomputed here. */
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
        return new BenchMeasure(n.get("name").asText(), number(n, RECORDS_PER_S), number(n, "mb_per_s"),
                number(n, "seconds"), rounds(n), details);
    }

    private static RoundStatistics rounds(JsonNode measure) {
        JsonNode rounds = measure.get("rounds");
        if (rounds == null || rounds.isNull()) {
            return null;
        }
        return new RoundStatistics(numbers(measure, rounds.path("values")), numbers(measure, rounds.path("round_seconds")));
    }

    private static List<Double> numbers(JsonNode measure, JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("the rounds of \"" + measure.path("name").asText()
                    + "\" need values and round_seconds (arrays of numbers): " + measure.get("rounds"));
        }
        List<Double> numbers = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isNumber()) {
                throw new IllegalArgumentException("a round of \"" + measure.path("name").asText()
                        + "\" is not a number: " + v);
            }
            numbers.add(v.asDouble());
        }
        return numbers;
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

    /** Why this measure's figures are unstable, if they are: a round too short. */
    Optional<String> warning() {
        return rounds == null ? Optional.empty() : rounds.warning();
    }

    ObjectNode toJson() {
        ObjectNode n = Console.JSON.createObjectNode();
        n.put("name", name);
        putRounded(n, RECORDS_PER_S, recordsPerSecond, 10);
        putRounded(n, "mb_per_s", mbPerSecond, 100);
        putRounded(n, "seconds", seconds, 1000);
        if (rounds != null) {
            n.set("rounds", Console.JSON.valueToTree(rounds.fields(RECORDS_PER_S)));
        }
        n.setAll(details);
        return n;
    }

    private static void putRounded(ObjectNode n, String field, Double value, int scale) {
        if (value != null) {
            n.put(field, Math.round(value * scale) / (double) scale);
        }
    }

    /** The row of the measures table ({@link #HEADERS}); a figure of rounds too short is marked. */
    List<String> row() {
        String median = format("%,.0f", recordsPerSecond) + (warning().isPresent() ? SHORT_MARK : "");
        if (rounds == null) {
            return List.of(name, median, "", "", format("%.1f", mbPerSecond), format("%.2f", seconds));
        }
        return List.of(name, median, String.format(Locale.ROOT, "%,.0f–%,.0f", rounds.min(), rounds.max()),
                rounds.spreadPercent().map(p -> String.format(Locale.ROOT, "%.0f%%", p)).orElse(""),
                format("%.1f", mbPerSecond), format("%.2f", seconds));
    }

    /** The line below the table for a figure marked in {@link #row()}. */
    Optional<String> warningLine() {
        return warning().map(w -> String.format(Locale.ROOT, "%s %s: %s (shortest round %.2f s)", SHORT_MARK.strip(),
                name, w, rounds.shortestRoundSeconds()));
    }

    private static String format(String pattern, Double value) {
        return value == null ? "" : String.format(Locale.ROOT, pattern, value);
    }
}
