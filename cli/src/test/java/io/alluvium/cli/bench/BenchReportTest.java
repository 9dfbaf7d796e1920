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

    /** A contender whose three rounds of 20 s each measured {@code recordsPerSecond} in the middle one. */
    private static BenchMeasure measure(String name, double recordsPerSecond) {
        return BenchMeasure.of(name, List.of(round(recordsPerSecond * 1.1, 20), round(recordsPerSecond, 20),
                round(recordsPerSecond * 0.9, 20)), Console.JSON.createObjectNode());
    }

    /** A round of 200-byte records at {@code recordsPerSecond} for {@code seconds}. */
    private static BenchMeasure.Round round(double recordsPerSecond, double seconds) {
        long records = Math.round(recordsPerSecond * seconds);
        return new BenchMeasure.Round(records, records * 200, seconds);
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
        BenchReport report = new BenchReport("ingest", "1,000 events per round",
                List.of(measure("ours", 70_000), measure("theirs", 100_000)),
                List.of(BenchComparison.of("records/s vs theirs", 70_000, 100_000, ">= 0.8")), List.of("a note"),
                Console.JSON.createObjectNode());
        new BenchResults(Instant.now(), List.of(report), Map.of(), Map.of()).print(console);

        assertThat(out.toString())
                .containsPattern("records/s vs theirs\\s*\\|\\s*0\\.70\\s*\\|\\s*>= 0\\.8\\s*\\|\\s*NO")
                .contains("bench ingest (1,000 events per round; medians of 3 rounds)")
                .containsPattern("ours\\s*\\|\\s*70,000\\s*\\|\\s*63,000–77,000\\s*\\|\\s*20%\\s*\\|")
                .contains("100,000")
                .contains("TARGETS MISSED").contains("ingest: records/s vs theirs is 0.70, target >= 0.8")
                .contains("a note");
        assertThat(report.toJson().at("/comparisons/0/met").asBoolean()).isFalse();
        assertThat(report.toJson().at("/comparisons/0/ratio").asDouble()).isEqualTo(0.7);
    }

    @Test
    void allTargetsMetSaysSoAndWhatDidNotRunOrFailedIsListed() {
        BenchReport report = new BenchReport("ingest", "1,000 events per round",
                List.of(measure("ours", 90_000), measure("theirs", 100_000)),
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
    void aChildResultIsReadAndItsOwnMetAndStatisticsAreRecomputed() throws IOException {
        JsonNode child = Console.JSON.readTree("""
                {"bench": "landing", "workload": "5,000 records per round",
                 "measures": [{"name": "flink → bronze", "records_per_s": 50000.0, "mb_per_s": 10.5, "seconds": 0.1,
                               "commit_latency_s": 3.2,
                               "rounds": {"figure": "records_per_s", "median": 1, "values": [40000, 60000, 50000],
                                          "round_seconds": [12.5, 8.3, 10.0]}},
                              {"name": "plain consumer", "records_per_s": 250000.0}],
                 "comparisons": [{"metric": "vs consumer", "ratio": 0.2, "target": ">= 0.25", "met": true}],
                 "notes": ["p=2"],
                 "calibration": {"flink_landing_rows_per_s": 50000, "flink_parallelism": 2}}""");
        BenchReport report = BenchReport.fromChildResult("landing", child);

        assertThat(report.workload()).isEqualTo("5,000 records per round");
        assertThat(report.measures()).hasSize(2);
        BenchMeasure flink = report.measures().get(0);
        assertThat(flink.rounds().median()).as("recomputed from the values, not the child's word").isEqualTo(50_000);
        assertThat(flink.rounds().spreadPercent()).contains(40.0);
        assertThat(flink.warning()).contains("round shorter than 10 s: unstable");
        assertThat(report.measures().get(1).mbPerSecond()).isNull();
        assertThat(report.measures().get(1).rounds()).isNull();
        assertThat(report.missed()).extracting(BenchComparison::metric).containsExactly("vs consumer");
        JsonNode json = report.toJson();
        assertThat(json.at("/measures/0/commit_latency_s").asDouble()).isEqualTo(3.2);
        assertThat(json.at("/measures/0/rounds/median").asDouble()).isEqualTo(50_000);
        assertThat(json.at("/measures/0/rounds/warning").asText()).isEqualTo("round shorter than 10 s: unstable");
        assertThat(json.at("/notes/0").asText()).isEqualTo("p=2");
        assertThat(report.calibration().path("flink_parallelism").asInt()).isEqualTo(2);

        report.print(console);
        assertThat(out.toString()).containsPattern("flink → bronze\\s*\\|\\s*50,000 \\*\\s*\\|\\s*40,000–60,000")
                .contains("* flink → bronze: round shorter than 10 s: unstable (shortest round 8.30 s)");
    }

    @Test
    void aMalformedChildResultNamesTheBench() throws IOException {
        assertThatThrownBy(() -> BenchReport.fromChildResult("batch", Console.JSON.readTree("{\"measures\": []}")))
                .isInstanceOf(JobFailure.class).hasMessageContaining("bench batch returned a result")
                .hasMessageContaining("no measures");
        assertThatThrownBy(() -> BenchReport.fromChildResult("batch", Console.JSON.readTree(
                "{\"measures\": [{\"name\": \"spark\", \"seconds\": \"slow\"}]}")))
                .isInstanceOf(JobFailure.class).hasMessageContaining("seconds of \"spark\" is not a number");
        assertThatThrownBy(() -> BenchReport.fromChildResult("batch", Console.JSON.readTree(
                "{\"measures\": [{\"name\": \"spark\", \"rounds\": {\"values\": [1, 2], \"round_seconds\": [1]}}]}")))
                .isInstanceOf(JobFailure.class).hasMessageContaining("got 2 figures and 1 durations");
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
                new BenchReport("ingest", "", List.of(measure("a", 1)), List.of(), List.of(), kafka),
                new BenchReport("landing", "", List.of(measure("b", 1)), List.of(), List.of(), flink)), Map.of(), Map.of());
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
    void aGeneratorRunIsTimedByItsReport() throws IOException {
        JsonNode report = Console.JSON.readTree("""
                {"started_at": "2026-11-25T22:00:00Z", "finished_at": "2026-11-25T22:00:02Z",
                 "topics": {"clickstream": {"sent": 60000, "bytes": 12000000},
                            "orders": {"sent": 20000, "bytes": 8000000},
                            "payments": {"sent": 20000, "bytes": 4000000}}}""");
        BenchMeasure.Round run = IngestBench.generatorRun(report);
        assertThat(run.recordsPerSecond()).isEqualTo(50_000);
        assertThat(run.mbPerSecond()).isEqualTo(24_000_000 / BenchMeasure.MB / 2);
        assertThat(run.seconds()).isEqualTo(2.0);
    }

    @Test
    void aMeasureIsTheMedianOfItsRoundsAndTheRatioIsOfMedians() {
        // rounds in the order they ran; the best (60,000/s) and the worst do not count
        BenchMeasure ours = BenchMeasure.of("ours", List.of(round(60_000, 10), round(40_000, 12), round(50_000, 11)),
                Console.JSON.createObjectNode());
        BenchMeasure theirs = BenchMeasure.of("theirs", List.of(round(100_000, 10), round(80_000, 10),
                round(90_000, 10)), Console.JSON.createObjectNode());

        assertThat(ours.recordsPerSecond()).isEqualTo(50_000);
        assertThat(ours.mbPerSecond()).isEqualTo(50_000 * 200 / BenchMeasure.MB);
        assertThat(ours.seconds()).isEqualTo(11.0);
        assertThat(ours.rounds().values()).containsExactly(60_000.0, 40_000.0, 50_000.0);
        assertThat(ours.rounds().spreadPercent()).contains(40.0);
        assertThat(ours.warning()).isEmpty();
        assertThat(BenchComparison.of("records/s", ours.recordsPerSecond(), theirs.recordsPerSecond(), ">= 0.8")
                .ratio()).isCloseTo(50_000 / 90_000.0, within(1e-12));
        JsonNode json = ours.toJson();
        assertThat(json.path("records_per_s").asDouble()).isEqualTo(50_000);
        assertThat(json.at("/rounds/values").toString()).isEqualTo("[60000.0,40000.0,50000.0]");
        assertThat(json.at("/rounds/min").asDouble()).isEqualTo(40_000);
        assertThat(json.at("/rounds/max").asDouble()).isEqualTo(60_000);
        assertThat(json.at("/rounds/spread_pct").asDouble()).isEqualTo(40.0);
        assertThat(json.at("/rounds/round_seconds").toString()).isEqualTo("[10.0,12.0,11.0]");
        assertThat(json.has("warning")).isFalse();
        assertThat(ours.row()).containsExactly("ours", "50,000", "40,000–60,000", "40%", "9.5", "11.00");
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
