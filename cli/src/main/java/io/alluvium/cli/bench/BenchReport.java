package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one bench found: its contenders ({@link BenchMeasure}), the ratios between them against their
 * targets ({@link BenchComparison}), notes on how it was measured, and the figures it contributes to the
 * architect's calibration. The same shape whether the bench ran in the CLI (ingest) or in an engine
 * module's child JVM (landing, batch), which prints it as its one result line:
 * <pre>{"bench": "landing", "events": N, "measures": [{"name": .., "records_per_s": .., "mb_per_s": ..,
 *  "seconds": ..}, ...], "comparisons": [{"metric": .., "ratio": .., "target": ">= 0.25"}, ...],
 *  "notes": ["..."], "calibration": {"flink_landing_rows_per_s": .., "flink_parallelism": ..}}</pre>
 */
record BenchReport(String bench, long events, List<BenchMeasure> measures, List<BenchComparison> comparisons,
                   List<String> notes, ObjectNode calibration) {

    BenchReport {
        measures = List.copyOf(measures);
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
    }

    /** The result line of an engine module's bench; anything malformed is the module's failure, named. */
    static BenchReport fromChildResult(String bench, long events, JsonNode result) {
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
            return new BenchReport(bench, events, measures, comparisons, notes, calibration);
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
        n.put("events", events);
        var measureArray = n.putArray("measures");
        measures.forEach(m -> measureArray.add(m.toJson()));
        var comparisonArray = n.putArray("comparisons");
        comparisons.forEach(c -> comparisonArray.add(c.toJson()));
        var noteArray = n.putArray("notes");
        notes.forEach(noteArray::add);
        return n;
    }

    /** The measures table, then the comparisons with their targets, then the notes. */
    void print(Console console) {
        console.info(String.format(Locale.ROOT, "%nbench %s (%,d events)", bench, events));
        console.table(List.of("measure", "records/s", "MB/s", "seconds"),
                measures.stream().map(BenchMeasure::row).toList());
        if (!comparisons.isEmpty()) {
            console.table(List.of("comparison", "ratio", "target", "met"), comparisons.stream()
                    .map(c -> List.of(c.metric(), String.format(Locale.ROOT, "%.2f", c.ratio()), c.target(),
                            c.met() ? "yes" : "NO"))
                    .toList());
        }
        notes.forEach(note -> console.info("  · " + note));
    }
}
