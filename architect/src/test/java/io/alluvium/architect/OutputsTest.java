package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON field names are stable, HTML is one self-contained page, --compare, --explain, --calibration and --out work. */
class OutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Fixtures.Run run = Fixtures.run("--json", "examples/q2-fraud-detection.yaml");
        assertThat(run.exitCode()).isZero();
        JsonNode n = JSON.readTree(run.out());
        assertThat(n.get("schema_version").asInt()).isEqualTo(1);
        for (String field : new String[] {"name", "region", "calibration", "assumptions", "decisions", "services", "capacity", "cost",
                "bottlenecks", "optimizations", "failure_model", "diagnosis"}) {
            assertThat(n.has(field)).as(field).isTrue();
        }
        assertThat(n.at("/calibration/used_measurements").asBoolean()).isFalse();
        assertThat(n.at("/decisions/ingestion/value").asText()).isEqualTo("msk");
        JsonNode line = n.at("/cost/lines/0");
        for (String field : new String[] {"id", "layer", "service", "item", "quantity", "unit", "price_id", "price", "price_as_of",
                "price_source", "usd_per_month", "formula"}) {
            assertThat(line.has(field)).as(field).isTrue();
        }
        double sum = 0;
        for (JsonNode l : n.at("/cost/lines")) {
            sum += l.get("usd_per_month").asDouble();
        }
        assertThat(n.at("/cost/total_usd_per_month").asDouble()).isCloseTo(sum, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(n.at("/capacity/0").fieldNames()).toIterable().containsExactly("id", "label", "value", "unit", "formula");
        JsonNode bottleneck = JSON.readTree(Fixtures.run("--json", "examples/q5-failing-lake.yaml").out()).at("/bottlenecks/0");
        assertThat(bottleneck.fieldNames()).toIterable().containsExactly("kind", "severity", "title", "observed", "threshold", "usd_per_month",
                "usd_basis", "impact", "fix");
        assertThat(n.at("/failure_model/evolution/cost_at_factor_usd_per_month").asDouble()).isGreaterThan(n.at("/cost/total_usd_per_month").asDouble());
    }

    @Test
    void htmlIsOneSelfContainedPageWithDiagramAndChart() {
        Fixtures.Run run = Fixtures.run("--html", "examples/lakehouse.yaml");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("aria-label=\"layer diagram\"", "aria-label=\"cost by layer\"", "<table>")
                .doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import");
    }

    @Test
    void htmlPutsTheTitleAboveTheDiagramAlignsMoneyAndMarksFindings() {
        String html = Fixtures.run("--html", "examples/q5-failing-lake.yaml").out();
        assertThat(html.indexOf("<h1>Design: Q5")).isPositive().isLessThan(html.indexOf("aria-label=\"layer diagram\""));
        assertThat(html).contains("<td class=\"num\">$", "<td class=\"bad\">reached</td>", "<td class=\"warn\">near (within 20%)</td>",
                ".num{text-align:right");
        assertThat(html).doesNotContain("<td class=\"num\">Over budget");
        // Each box shows its layer's monthly dollars; a service billed in a layer but not named by its choice is added.
        String q2 = Fixtures.run("--html", "examples/q2-fraud-detection.yaml").out();
        String diagram = q2.substring(q2.indexOf("aria-label=\"layer diagram\""), q2.indexOf("</svg>"));
        assertThat(diagram).contains(">Ingestion: $", ">+ Amazon Redshift<").doesNotContain("+ Amazon MSK Connect", "+ AWS KMS");
        // Throughput and node counts: 5,000 events/s x 2 KB x peak 4 = 40 MB/s on max(ceil(40 x 3 / 50), 3) = 3 brokers;
        // Flink 2 landing + 2 real-time slots (ceil(20,000 x 1.5 / 20,000) each) + 2 orchestration KPUs = 6.
        assertThat(diagram).contains(">40 MB/s peak, 3 brokers<", ">6 KPU, ");
        // The capacity table (one row per figure, over 20) folds; the cost-by-layer table (7 rows) does not.
        String capacity = q2.substring(q2.indexOf("3. Capacity"), q2.indexOf("4. Cost per month"));
        assertThat(capacity).contains("<details><summary>").contains("rows</summary><table><tr><th>figure</th>");
        String cost = q2.substring(q2.indexOf("4. Cost per month"));
        assertThat(cost.substring(cost.indexOf("<table>") - 20, cost.indexOf("<table>"))).doesNotContain("summary");
    }

    @Test
    void compareShowsBothDesignsAndTheDifference() throws Exception {
        Fixtures.Run md = Fixtures.run("--compare", "examples/q4-spark-cost-before.yaml", "examples/q4-spark-cost-after.yaml");
        assertThat(md.exitCode()).isZero();
        assertThat(md.out()).contains("# Compare:", "B - A", "nat.data");
        JsonNode n = JSON.readTree(Fixtures.run("--json", "--compare", "examples/q4-spark-cost-before.yaml", "examples/q4-spark-cost-after.yaml").out());
        assertThat(n.at("/difference/percent").asDouble()).isLessThanOrEqualTo(-50);
        assertThat(n.at("/difference/total_usd_per_month").asDouble())
                .isCloseTo(n.at("/b/cost/total_usd_per_month").asDouble() - n.at("/a/cost/total_usd_per_month").asDouble(),
                        org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void explainPrintsWhyWhenAndPricesWithSources() {
        Fixtures.Run run = Fixtures.run("--explain", "kafka");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("# Amazon MSK", "Choose it when", "Avoid it when", "Traps", "$0.408 per broker-hour",
                "https://aws.amazon.com/msk/pricing/");
        for (String id : ServiceCatalog.load().ids()) {
            assertThat(Fixtures.run("--explain", id).exitCode()).as(id).isZero();
        }
    }

    @Test
    void calibrationFromBenchIsUsedAndReported() throws Exception {
        Path bench = dir.resolve("bench.json");
        Files.writeString(bench, """
                {"measured_at": "2025-06-01T10:00:00Z", "kafka_producer_records_per_s": 200000, "kafka_record_bytes": 1000,
                 "kafka_partitions": 4, "flink_landing_rows_per_s": 90000, "flink_parallelism": 2, "spark_rows_per_s_per_core": 50000,
                 "future_field": 1}
                """);
        Fixtures.Run run = Fixtures.run("--calibration", bench.toString(), "--json", "examples/streaming-millions.yaml");
        assertThat(run.exitCode()).isZero();
        JsonNode n = JSON.readTree(run.out());
        assertThat(n.at("/calibration/used_measurements").asBoolean()).isTrue();
        assertThat(n.at("/calibration/kafka_partition_mb_per_s/value").asDouble()).isEqualTo(50.0); // 200,000 x 1 KB / 4 partitions
        assertThat(n.at("/calibration/flink_rows_per_s_per_slot/value").asDouble()).isEqualTo(45_000.0);
        assertThat(n.at("/calibration/spark_rows_per_s_per_core/source").asText()).contains("measured by alluvium bench at 2025-06-01");
        Design defaults = Fixtures.design("streaming-millions.yaml");
        Design calibrated = Architect.design(defaults.requirements(), Calibration.read(bench.toString(), Files.readString(bench)));
        assertThat(calibrated.capacity().flinkRealtimeParallelism).isLessThan(defaults.capacity().flinkRealtimeParallelism);
        assertThat(Fixtures.run("--calibration", bench.toString(), "examples/q1-100tb-logs.yaml").out()).contains("calibrated by alluvium bench");
    }

    @Test
    void outWritesTheReportToAFile() throws Exception {
        Path out = dir.resolve("design.md");
        Fixtures.Run run = Fixtures.run("--out", out.toString(), "examples/q4-spark-cost-after.yaml");
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(out)).startsWith("# Design: Q4 after");
    }

    @Test
    void everyPriceHasUnitDateAndSource() {
        for (PriceTable.Price p : PriceTable.forRegion("us-east-1").all().values()) {
            assertThat(p.unit()).as(p.id()).isNotBlank();
            // A real day per price, not one year for the whole table.
            assertThat(p.asOf()).as(p.id()).isBetween(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.now());
            assertThat(p.source()).as(p.id()).startsWith("https://aws.amazon.com/");
            assertThat(p.per()).as(p.id()).isPositive();
        }
    }

    @Test
    void anAvailabilityPrintsAsStatedNeverRoundedUpToAHundredPercent() {
        String q2 = MarkdownRenderer.render(Fixtures.design("q2-fraud-detection.yaml"));
        assertThat(q2).contains("- SLA: availability 99.95%, ").doesNotContain("100%").contains("the SLA of 99.95% allows it");
        String sixNines = MarkdownRenderer.render(Architect.design(Fixtures.parse("sla: {availability: 99.9999%}"), Calibration.defaults()));
        assertThat(sixNines).contains("- SLA: availability 99.9999%, ");
    }

    @Test
    void assumptionsAreListedFirstForAnEmptyFile() {
        Design d = Architect.design(Fixtures.parse("name: nothing stated"), Calibration.defaults());
        assertThat(d.requirements().assumptions()).extracting(Assumption::field).contains("volume.per_day", "velocity.mode", "sla.availability",
                "budget.monthly_usd", "region");
        String md = MarkdownRenderer.render(d);
        assertThat(md.indexOf("| volume.per_day |")).isLessThan(md.indexOf("## 2. Layers"));
    }
}
