package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alluvium demo --json} on a fresh data directory: every check holds, and it cleans up after itself. */
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
        assertThat(doc.path("reconciliation")).hasSizeGreaterThanOrEqualTo(18);
        assertThat(doc.path("peak_rss_bytes").path("batch (Spark)").asLong()).isPositive();

        CliRun.Result status = cli.run("status", "--json");
        status.json().path("services").forEach(s -> assertThat(s.path("state").asText()).isEqualTo("stopped"));
    }
}
