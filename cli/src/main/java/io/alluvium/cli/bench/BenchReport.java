package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one bench found: its workload (what each round did), its contenders ({@link BenchMeasure}, medians of
 * their rounds with the spread), the ratios between the medians against their targets ({@link BenchComparison}),
 * notes on how it was measured, and the figures it contributes to the architect's calibration. The same shape
 * whether the bench ran in the CLI (ingest, serving) or in an engine module's child JVM (landing, batch,
 * realtime), which prints it as its one result line:
 * <pre>{"bench": "landing", "workload": "1,500,000 records per round",
 *  "measures": [{"name": .., "records_per_s": .., "mb_per_s": .., "seconds": ..,
 *                "rounds": {"figure": "records_per_s", "median": .., "min": .., "max": .., "spread_pct": ..,
 *                           "values": [..], "round_seconds": [..]}}, ...],
 *  "comparisons": [{"metric": .., "ratio": .., "target": ">= 0.25"}, ...],
 *  "notes": ["..."], "calibration": {"flink_landing_rows_per_s": .., "flink_parallelism": ..}}</pre>
 */
record BenchReport(String bench, String workload, List<BenchMeasure> measures, List<BenchComparison> comparisons,
                   List<String> notes, ObjectNode calibration) {

    BenchReport {
        measures = List.copyOf(measures);
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
    }

    /** The result line of an engine module's bench; anything malformed is the module's failure, named. */
    static BenchReport fromChildResult(String bench, JsonNode result) {
        try {
            if (!result.path("measures").isArray() || result.path("measures").isEmpty()) {
                throw new IllegalArgumentException("no measures");
            }
            List<BenchMeasure> measures = new ArrayList<>();
            result.get("measures").forEach(m -> measures.add(BenchMeasure.fromJson(m)));
            List<BenchComparison> comparisons = new ArrayList<>();
            result.path("comparisons").forEach(c -> comparisons.add(BenchComparison.fromJson(c)));
            List<String> notes = new ArrayList<>();
            result.path("notes").forEach(n -> notes.add(n.asText()));
            ObjectNode calibration = result.path("calibration").isObject()
                    ? (ObjectNode) result.get("calibration") : Console.JSON.createObjectNode();
            return new BenchReport(bench, result.path("workload").asText(""), measures, comparisons, notes,
                    calibration);
        } catch (IllegalArgumentException e) {
            throw new JobFailure("bench " + bench + " returned a result Alluvium cannot read (" + e.getMessage()
                    + "): " + result);
        }
    }

    List<BenchComparison> missed() {
        return comparisons.stream().filter(c -> !c.met()).toList();
    }

    ObjectNode toJson() {
        ObjectNode n = Console.JSON.createObjectNode();
        n.put("bench", bench);
        n.put("workload", workload);
        var measureArray = n.putArray("measures");
        measures.forEach(m -> measureArray.add(m.toJson()));
        var comparisonArray = n.putArray("comparisons");
        comparisons.forEach(c -> comparisonArray.add(c.toJson()));
        var noteArray = n.putArray("notes");
        notes.forEach(noteArray::add);
        return n;
    }

    /** The measures table (with a line for each figure whose rounds were too short), the comparisons, the notes. */
    void print(Console console) {
        List<String> about = new ArrayList<>();
        if (!workload.isEmpty()) {
            about.add(workload);
        }
        measures.stream().filter(m -> m.rounds() != null).map(m -> m.rounds().rounds()).max(Integer::compare)
                .ifPresent(rounds -> about.add("medians of " + rounds + " rounds"));
        console.info(String.format(Locale.ROOT, "%nbench %s%s", bench, about.isEmpty() ? ""
                : " (" + String.join("; ", about) + ")"));
        console.table(BenchMeasure.HEADERS, measures.stream().map(BenchMeasure::row).toList());
        measures.stream().map(BenchMeasure::warningLine).flatMap(Optional::stream).forEach(console::info);
        if (!comparisons.isEmpty()) {
            console.table(List.of("comparison (of medians)", "ratio", "target", "met"), comparisons.stream()
                    .map(c -> List.of(c.metric(), String.format(Locale.ROOT, "%.2f", c.ratio()), c.target(),
                            c.met() ? "yes" : "NO"))
                    .toList());
        }
        notes.forEach(note -> console.info("  · " + note));
    }
}
