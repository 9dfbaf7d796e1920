package io.alluvium.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One contender's figure over the timed rounds of a bench (its records/s in each round) and how long each
 * round's work lasted: the median, which every ratio of a bench is computed from, and the spread (min–max,
 * and {@code (max − min) / median} in %), which says how far one round may be off on this machine
 * (docs/benchmarks.md, "How the benches measure"). A round shorter than {@link #MIN_ROUND_SECONDS} is too
 * short to be stable; {@link #warning()} says so beside the figure. Shared by every bench's JVM, so the
 * CLI and the engine modules compute and print the same statistics.
 *
 * @param values       the figure in each round, in the order the rounds ran
 * @param roundSeconds how long each round's timed work lasted, in the same order
 */
public record RoundStatistics(List<Double> values, List<Double> roundSeconds) {
    /** The work of one timed round, per contender, that a bench aims for. */
    public static final double MIN_ROUND_SECONDS = 10;
    public static final String SHORT_ROUND = "round shorter than 10 s: unstable";

    public RoundStatistics {
        if (values.isEmpty() || values.size() != roundSeconds.size()) {
            throw new IllegalArgumentException("round statistics need one figure and one duration per round, got "
                    + values.size() + " figures and " + roundSeconds.size() + " durations");
        }
        for (List<Double> list : List.of(values, roundSeconds)) {
            for (Double v : list) {
                if (v == null || !Double.isFinite(v) || v < 0) {
                    throw new IllegalArgumentException("a round's figure and duration must be finite numbers >= 0, got "
                            + list);
                }
            }
        }
        values = List.copyOf(values);
        roundSeconds = List.copyOf(roundSeconds);
    }

    /** The middle value of {@code values} once sorted; the mean of the middle two when their count is even. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public int rounds() {
        return values.size();
    }

    public double median() {
        return median(values);
    }

    public double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** {@code (max − min) / median} in %: 0 when every round measured the same; empty when the median is 0. */
    public Optional<Double> spreadPercent() {
        double median = median();
        if (max() == min()) {
            return Optional.of(0.0);
        }
        return median > 0 ? Optional.of((max() - min()) / median * 100) : Optional.empty();
    }

    public double shortestRoundSeconds() {
        return roundSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** {@link #SHORT_ROUND} when a round's work lasted less than {@link #MIN_ROUND_SECONDS}. */
    public Optional<String> warning() {
        return shortestRoundSeconds() < MIN_ROUND_SECONDS ? Optional.of(SHORT_ROUND) : Optional.empty();
    }

    /**
     * The statistics as a bench's result line carries them ({@code "rounds"} of a measure), for any JSON
     * library: {@code figure}, {@code median}, {@code min}, {@code max}, {@code spread_pct}, {@code values},
     * {@code round_seconds} and, for a round too short, {@code warning}.
     *
     * @param figure what the values are, e.g. {@code records_per_s}
     */
    public Map<String, Object> fields(String figure) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("figure", figure);
        fields.put("median", rounded(median()));
        fields.put("min", rounded(min()));
        fields.put("max", rounded(max()));
        fields.put("spread_pct", spreadPercent().map(p -> Math.round(p * 10) / 10.0).orElse(null));
        fields.put("values", values.stream().map(RoundStatistics::rounded).toList());
        fields.put("round_seconds", roundSeconds.stream().map(RoundStatistics::rounded).toList());
        warning().ifPresent(w -> fields.put("warning", w));
        return fields;
    }

    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
