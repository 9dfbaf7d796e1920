package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one {@code alluvium bench} run found, as one document: printed ({@code --json}) and written
 * to a file that {@code alluvium design --calibration FILE} reads. The architect's figures
 * ({@code kafka_producer_records_per_s}, {@code flink_landing_rows_per_s}, ... see the architect's
 * {@code Calibration}) sit at the top level beside {@code measured_at}; the benches follow under
 * {@code benches}; those that could not run are under {@code not_run} and those that failed under
 * {@code failed}, each with why.
 */
record BenchResults(Instant measuredAt, List<BenchReport> reports, Map<String, String> notRun,
                    Map<String, String> failed) {
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    BenchResults {
        reports = List.copyOf(reports);
        notRun = Collections.unmodifiableMap(new LinkedHashMap<>(notRun));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    }

    /** Where a run's results go by default: {@code <data.dir>/reports/bench/<time>.json}. */
    static Path defaultFile(Path reportsDir, Instant at) {
        return reportsDir.resolve("bench").resolve(FILE_TIME.format(at) + ".json");
    }

    ObjectNode toJson() {
        ObjectNode doc = Console.JSON.createObjectNode();
        doc.put("measured_at", measuredAt.toString());
        reports.forEach(r -> doc.setAll(r.calibration()));
        ArrayNode benches = doc.putArray("benches");
        reports.forEach(r -> benches.add(r.toJson()));
        ObjectNode skipped = doc.putObject("not_run");
        notRun.forEach(skipped::put);
        ObjectNode failures = doc.putObject("failed");
        failed.forEach(failures::put);
        return doc;
    }

    void writeTo(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(file, Console.JSON.writeValueAsString(toJson()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench results to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Each bench's tables, then what did not run, then every missed target in one place. */
    void print(Console console) {
        reports.forEach(r -> r.print(console));
        notRun.forEach((bench, why) -> console.info("\nbench " + bench + " NOT RUN: " + why));
        failed.forEach((bench, why) -> console.info("\nbench " + bench + " FAILED: " + why));
        List<String> missed = reports.stream()
                .flatMap(r -> r.missed().stream().map(c -> String.format(Locale.ROOT,
                        "  %s: %s is %.2f, target %s", r.bench(), c.metric(), c.ratio(), c.target())))
                .toList();
        if (missed.isEmpty() && !reports.isEmpty()) {
            console.info("\nAll targets met" + (failed.isEmpty() && notRun.isEmpty() ? "." : " by the benches that ran."));
        } else if (missed.isEmpty()) {
            console.info("\nNo bench ran to the end: no figures.");
        } else {
            console.info("\nTARGETS MISSED (a bench measures; it does not fail):");
            missed.forEach(console::info);
        }
    }
}
