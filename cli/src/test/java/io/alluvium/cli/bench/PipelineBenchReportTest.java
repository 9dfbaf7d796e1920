package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** {@code bench pipeline}'s figures: seconds per pipeline, the ratio of the medians, the same-work comparison. */
class PipelineBenchReportTest {
    private static final long BRONZE_ROWS = 2_040;

    private static BuiltLake built(long silverOrders) {
        ObjectNode counts = Console.JSON.createObjectNode();
        counts.put("silver.orders rows", Long.toString(silverOrders));
        counts.put("gold.city_hourly_sales rows", "312");
        return new BuiltLake(BRONZE_ROWS, counts);
    }

    private static List<PipelineBench.PipelineRound> rounds(BuiltLake lake, double... seconds) {
        return DoubleStream.of(seconds).mapToObj(s -> new PipelineBench.PipelineRound(s, lake)).toList();
    }

    private static JsonNode report(List<PipelineBench.PipelineRound> byHand,
            List<PipelineBench.PipelineRound> orchestrated) {
        Map<String, List<PipelineBench.PipelineRound>> results = new LinkedHashMap<>();
        results.put(PipelineBench.BY_HAND, byHand);
        results.put(PipelineBench.ORCHESTRATED, orchestrated);
        return PipelineBench.report(results, 2_000, 2, Duration.ofSeconds(1)).toJson();
    }

    @Test
    void theRatioIsOfTheMediansOfSecondsPerPipeline() {
        JsonNode r = report(rounds(built(600), 100, 80, 120), rounds(built(600), 103, 150, 101));
        assertThat(r.path("bench").asText()).isEqualTo("pipeline");
        assertThat(r.path("workload").asText()).isEqualTo("2,040 Bronze rows (2,000 events generated), one pipeline per round");
        JsonNode byHand = r.path("measures").get(0);
        JsonNode orchestrated = r.path("measures").get(1);
        assertThat(byHand.path("name").asText()).isEqualTo(PipelineBench.BY_HAND);
        assertThat(byHand.path("seconds").asDouble()).isEqualTo(100.0);
        assertThat(byHand.path("records_per_s").asDouble()).isEqualTo(20.4);
        assertThat(byHand.path("bronze_rows").asLong()).isEqualTo(BRONZE_ROWS);
        assertThat(orchestrated.path("name").asText()).isEqualTo(PipelineBench.ORCHESTRATED);
        assertThat(orchestrated.path("seconds").asDouble()).isEqualTo(103.0);
        assertThat(orchestrated.path("rounds").path("round_seconds").toString()).isEqualTo("[103.0,150.0,101.0]");
        JsonNode time = r.path("comparisons").get(0);
        assertThat(time.path("ratio").asDouble()).isCloseTo(1.03, within(1e-9));
        assertThat(time.path("target").asText()).isEqualTo("<= 1.1");
        assertThat(time.path("met").asBoolean()).isTrue();
        JsonNode sameWork = r.path("comparisons").get(1);
        assertThat(sameWork.path("ratio").asDouble()).isEqualTo(1.0);
        assertThat(sameWork.path("met").asBoolean()).isTrue();
    }

    @Test
    void aRoundWhosePipelinesBuiltDifferentCountsFailsTheSameWorkComparisonNamingTheDifference() {
        List<PipelineBench.PipelineRound> orchestrated = List.of(new PipelineBench.PipelineRound(90, built(600)),
                new PipelineBench.PipelineRound(90, built(599)), new PipelineBench.PipelineRound(90, built(600)));
        JsonNode r = report(rounds(built(600), 100, 100, 100), orchestrated);
        assertThat(r.path("comparisons").get(0).path("met").asBoolean()).as("faster, but on less work").isTrue();
        JsonNode sameWork = r.path("comparisons").get(1);
        assertThat(sameWork.path("ratio").asDouble()).isZero();
        assertThat(sameWork.path("met").asBoolean()).isFalse();
        assertThat(r.path("notes").toString())
                .contains("NOT THE SAME WORK, round 2 (by hand vs pipeline run): silver.orders rows: 600 vs 599")
                .doesNotContain("round 1 (").doesNotContain("round 3 (");
    }

    @Test
    void aFigureOnlyOneSideCountedIsADifference() {
        ObjectNode more = built(600).built().deepCopy();
        more.put("quarantine.orders malformed_json", "12");
        assertThat(built(600).differencesFrom(new BuiltLake(BRONZE_ROWS, more)))
                .containsExactly("quarantine.orders malformed_json: null vs 12");
        assertThat(built(600).differencesFrom(new BuiltLake(BRONZE_ROWS + 1, built(600).built())))
                .containsExactly("bronze rows: 2040 vs 2041");
        assertThat(built(600).differencesFrom(built(600))).isEmpty();
    }
}
