package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium demo --json} on a fresh data directory: every check holds, invariant 3 among them (the realtime
 * job's serving store equals Gold), and it cleans up after itself.
 */
class DemoTest {
    @TempDir
    Path dataDir;

    @Test
    void demoProvesTheInvariantsAndStopsWhatItStarted() {
        CliRun cli = new CliRun(dataDir);
        CliRun.Result demo = cli.run("demo", "--events", "3000", "--json");
        JsonNode doc = demo.json();
        assertThat(doc.path("ok").asBoolean()).as(demo.toString()).isTrue();
        assertThat(demo.exitCode()).isZero();
        // per topic 8 (invariants 1 and 2, term by term), 8 of Gold against Silver, and invariant 3
        assertThat(doc.path("reconciliation")).as(demo.toString()).hasSize(33)
                .allSatisfy(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
        assertThat(doc.path("reconciliation")).filteredOn(c -> c.path("invariant").asText().equals("3"))
                .singleElement().satisfies(c -> {
                    assertThat(c.path("check").asText()).startsWith("serving store = gold.city_hourly_sales (");
                    assertThat(c.path("ok").asBoolean()).isTrue();
                    assertThat(c.path("expected").asLong()).isPositive();
                });
        assertThat(doc.path("peak_rss_bytes").path("batch (Spark)").asLong()).isPositive();
        assertThat(doc.path("peak_rss_bytes").path("realtime (Flink)").asLong()).isPositive();

        CliRun.Result status = cli.run("status", "--json");
        status.json().path("services").forEach(s -> assertThat(s.path("state").asText()).isEqualTo("stopped"));
    }
}
