package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendReportTest {
    @TempDir
    Path root;

    private static SendReport report(long orders, long duplicates) {
        TopicCounts counts = new TopicCounts(orders, orders - duplicates, duplicates, 3,
                Map.of("bad_json", 1L, "negative_amount", 2L), 4, 5, 1000);
        Instant at = Instant.parse("2026-11-25T22:01:01Z");
        return new SendReport(SendReport.runIdOf(at, 42), 42, at, at.plusSeconds(3), Map.of(Topic.ORDERS, counts),
                List.of(), null);
    }

    @Test
    void writesTheDocumentedShape() throws Exception {
        DataDir dataDir = new DataDir(root);
        SendReport written = report(100, 2).writeTo(dataDir);

        assertThat(written.runId()).isEqualTo("20261125T220101Z-42");
        var json = new ObjectMapper().readTree(written.path(dataDir).toFile());
        assertThat(json.get("run_id").asText()).isEqualTo("20261125T220101Z-42");
        assertThat(json.get("seed").asLong()).isEqualTo(42);
        var orders = json.get("topics").get("orders");
        assertThat(orders.get("sent").asLong()).isEqualTo(100);
        assertThat(orders.get("distinct").asLong()).isEqualTo(98);
        assertThat(orders.get("malformed_by_reason").get("negative_amount").asLong()).isEqualTo(2);
        assertThat(orders.get("malformed_by_reason").get("wrong_type").asLong()).isZero();
        assertThat(orders.get("schema_v2").asLong()).isEqualTo(5);
        assertThat(json.get("topics").get("clickstream").get("sent").asLong()).isZero();
        assertThat(SendReport.read(written.path(dataDir))).isEqualTo(written);
    }

    @Test
    void twoRunsWithTheSameIdKeepBothReportsAndTotalsSumThem() {
        DataDir dataDir = new DataDir(root);
        SendReport first = report(100, 2).writeTo(dataDir);
        SendReport second = report(50, 1).writeTo(dataDir);

        assertThat(second.runId()).isEqualTo(first.runId() + "-2");
        TopicCounts orders = SendReports.total(dataDir).get(Topic.ORDERS);
        assertThat(orders.sent()).isEqualTo(150);
        assertThat(orders.distinct()).isEqualTo(147);
        assertThat(orders.malformedByReason().get("bad_json")).isEqualTo(2);
        assertThat(SendReports.total(dataDir).get(Topic.PAYMENTS)).isEqualTo(TopicCounts.ZERO);
    }

    @Test
    void noReportsMeansNothingSent() {
        assertThat(SendReports.total(new DataDir(root)).values()).containsOnly(TopicCounts.ZERO);
    }
}
