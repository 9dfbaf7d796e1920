package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.architect.Calibration;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's arithmetic and its documents: ratios, targets met or missed, child results, the calibration file. */
class BenchReportTest {
    /** Producer settings of the generator that address or bound it rather than shape its throughput. */
    private static final Set<String> NOT_ABOUT_THROUGHPUT =
            Set.of("bootstrap.servers", "client.id", "max.block.ms", "delivery.timeout.ms");

    private final StringWriter out = new StringWriter();
    private final Console console = new Console(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
            false);

    private static BenchMeasure measure(String name, double recordsPerSecond) {
        return new BenchMeasure(name, recordsPerSecond, recordsPerSecond * 200 / BenchMeasure.MB, 1.0,
                Console.JSON.createObjectNode());
    }

    @Test
    void ratioIsOursOverBaselineAndTheTargetDecidesMet() {
        BenchComparison met = BenchComparison.of("records/s", 80_000, 100_000, ">= 0.8");
        BenchComparison missed = BenchComparison.of("records/s", 79_000, 100_000, ">= 0.8");
        BenchComparison slower = BenchComparison.of("build time", 130, 100, "<= 1.2");

        assertThat(met.ratio()).isEqualTo(0.8);
        assertThat(met.met()).isTrue();
        assertThat(missed.ratio()).isEqualTo(0.79);
        assertThat(missed.met()).isFalse();
        assertThat(slower.ratio()).isCloseTo(1.3, within(1e-12));
        assertThat(slower.met()).isFalse();
        assertThat(new BenchComparison("latency", 1.0, "≤ 1.0").met()).isTrue();
    }

    @Test
    void aBaselineOfZeroOrAnUnreadableTargetIsAnError() {
        assertThatThrownBy(() -> BenchComparison.of("records/s", 5, 0, ">= 0.8"))
                .isInstanceOf(JobFailure.class).hasMessageContaining("baseline measured 0");
        assertThatThrownBy(() -> new BenchComparison("records/s", 1, "at least 0.8"))
                .hasMessageContaining("must read \">= X\" or \"<= X\"");
    }

    @Test
    void aMissedTargetIsPrintedAsMissedAndInTheSummary() {
        BenchReport report = new BenchReport("ingest", 1000, List.of(measure("ours", 70_000), measure("theirs", 100_000)),
                List.of(BenchComparison.of("records/s vs theirs", 70_000, 100_000, ">= 0.8")), List.of("a note"),
                Console.JSON.createObjectNode());
        new BenchResults(Instant.now(), List.of(report), Map.of(), Map.of()).print(console);

        assertThat(out.toString())
                .containsPattern("records/s vs theirs\\s*\\|\\s*0\\.70\\s*\\|\\s*>= 0\\.8\\s*\\|\\s*NO")
                .contains("70,000").contains("100,000")
                .contains("TARGETS MISSED").contains("ingest: records/s vs theirs is 0.70, target >= 0.8")
                .contains("a note");
        assertThat(report.toJson().at("/comparisons/0/met").asBoolean()).isFalse();
        assertThat(report.toJson().at("/comparisons/0/ratio").asDouble()).isEqualTo(0.7);
    }

    @Test
    void allTargetsMetSaysSoAndWhatDidNotRunOrFailedIsListed() {
        BenchReport report = new BenchReport("ingest", 1000, List.of(measure("ours", 90_000), measure("theirs", 100_000)),
                List.of(BenchComparison.of("records/s", 90_000, 100_000, ">= 0.8")), List.of(),
                Console.JSON.createObjectNode());
        BenchResults results = new BenchResults(Instant.now(), List.of(report), Map.of("batch", "not built"),
                Map.of("landing", "landing-bench failed: boom"));
        results.print(console);
        assertThat(results.toJson().at("/failed/landing").asText()).isEqualTo("landing-bench failed: boom");
        assertThat(out.toString()).contains("All targets met by the benches that ran.")
                .contains("bench batch NOT RUN: not built")
                .contains("bench landing FAILED: landing-bench failed: boom")
                .doesNotContain("| NO").doesNotContain("TARGETS MISSED");
    }

    @Test
    void aChildResultIsReadAndItsOwnMetIsRecomputed() throws IOException {
        JsonNode child = Console.JSON.readTree("""
                {"bench": "landing", "events": 5000,
                 "measures": [{"name": "flink → bronze", "records_per_s": 50000.0, "mb_per_s": 10.5, "seconds": 0.1,
                               "commit_latency_s": 3.2},
                              {"name": "plain consumer", "records_per_s": 250000.0}],
                 "comparisons": [{"metric": "vs consumer", "ratio": 0.2, "target": ">= 0.25", "met": true}],
                 "notes": ["p=2"],
                 "calibration": {"flink_landing_rows_per_s": 50000, "flink_parallelism": 2}}""");
        BenchReport report = BenchReport.fromChildResult("landing", 5000, child);

        assertThat(report.measures()).hasSize(2);
        assertThat(report.measures().get(1).mbPerSecond()).isNull();
        assertThat(report.missed()).extracting(BenchComparison::metric).containsExactly("vs consumer");
        assertThat(report.toJson().at("/measures/0/commit_latency_s").asDouble()).isEqualTo(3.2);
        assertThat(report.toJson().at("/notes/0").asText()).isEqualTo("p=2");
        assertThat(report.calibration().path("flink_parallelism").asInt()).isEqualTo(2);
    }

    @Test
    void aMalformedChildResultNamesTheBench() throws IOException {
        assertThatThrownBy(() -> BenchReport.fromChildResult("batch", 10, Console.JSON.readTree("{\"measures\": []}")))
                .isInstanceOf(JobFailure.class).hasMessageContaining("bench batch returned a result")
                .hasMessageContaining("no measures");
        assertThatThrownBy(() -> BenchReport.fromChildResult("batch", 10, Console.JSON.readTree(
                "{\"measures\": [{\"name\": \"spark\", \"seconds\": \"slow\"}]}")))
                .isInstanceOf(JobFailure.class).hasMessageContaining("seconds of \"spark\" is not a number");
    }

    @Test
    void theResultsFileIsWhatTheArchitectCalibratesFrom(@TempDir Path dir) throws IOException {
        ObjectNode kafka = Console.JSON.createObjectNode();
        kafka.put("kafka_producer_records_per_s", 300_000);
        kafka.put("kafka_record_bytes", 250);
        kafka.put("kafka_partitions", 12);
        ObjectNode flink = Console.JSON.createObjectNode();
        flink.put("flink_landing_rows_per_s", 100_000);
        flink.put("flink_parallelism", 2);
        Instant at = Instant.parse("2026-11-25T22:01:01Z");
        BenchResults results = new BenchResults(at, List.of(
                new BenchReport("ingest", 10, List.of(measure("a", 1)), List.of(), List.of(), kafka),
                new BenchReport("landing", 10, List.of(measure("b", 1)), List.of(), List.of(), flink)), Map.of(), Map.of());
        Path file = BenchResults.defaultFile(new DataDir(dir).reports(), at);
        results.writeTo(file);

        assertThat(file).isEqualTo(dir.resolve("reports/bench/20261125T220101Z.json"));
        Calibration calibration = Calibration.read(file.toString(), Files.readString(file));
        assertThat(calibration.measuredAt()).isEqualTo("2026-11-25T22:01:01Z");
        assertThat(calibration.kafkaPartitionMbPerSecond().measured()).isTrue();
        assertThat(calibration.kafkaPartitionMbPerSecond().value()).isCloseTo(300_000 * 250 / 12 / 1e6, within(0.5));
        assertThat(calibration.flinkRowsPerSecondPerSlot().value()).isEqualTo(50_000);
        assertThat(calibration.sparkRowsPerSecondPerCore().measured()).isFalse();
    }

    @Test
    void aGeneratorRunIsTimedByItsReportAndTheBestRunCounts() throws IOException {
        JsonNode report = Console.JSON.readTree("""
                {"started_at": "2026-11-25T22:00:00Z", "finished_at": "2026-11-25T22:00:02Z",
                 "topics": {"clickstream": {"sent": 60000, "bytes": 12000000},
                            "orders": {"sent": 20000, "bytes": 8000000},
                            "payments": {"sent": 20000, "bytes": 4000000}}}""");
        BenchMeasure run = IngestBench.generatorRun(report);
        assertThat(run.recordsPerSecond()).isEqualTo(50_000);
        assertThat(run.mbPerSecond()).isEqualTo(24_000_000 / BenchMeasure.MB / 2);
        assertThat(run.seconds()).isEqualTo(2.0);

        BenchMeasure best = IngestBench.best(List.of(measure("g", 40_000), run));
        assertThat(best.recordsPerSecond()).isEqualTo(50_000);
        assertThat(best.toJson().get("runs_records_per_s").toString()).isEqualTo("[40000,50000]");
    }

    @Test
    void theBaselineGetsTheGeneratorsProducerSettings() {
        Properties generator = KafkaPublisher.producerProperties("127.0.0.1:1", Map.of());
        IngestBench.GENERATOR_PRODUCER_SETTINGS.forEach((key, value) ->
                assertThat(generator.getProperty(key)).as(key).isEqualTo(value));
        assertThat(generator.stringPropertyNames())
                .as("a new generator producer setting must be handed to the baseline too")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                        IngestBench.GENERATOR_PRODUCER_SETTINGS.keySet().stream(), NOT_ABOUT_THROUGHPUT.stream()).toList());
    }
}
