package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command whose services live only as long as it does ({@code demo}), stopped by a signal (SIGTERM, as Ctrl-C)
 * while it works: the services run in sessions of their own, which the signal does not reach, so the command's JVM
 * stops them as it exits; none is left running (docs/architecture.md#processes).
 */
class StoppedBySignalTest {
    @TempDir
    static Path dataDir;

    private static CliRun cli;

    @AfterAll
    static void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void aDemoStoppedWhileItWorksStopsTheServicesItStarted() throws Exception {
        cli = new CliRun(dataDir);
        Path output = dataDir.resolve("demo");
        Process demo = cli.spawn(output, "demo");
        Path err = output.resolveSibling("demo.err");
        await().atMost(Duration.ofMinutes(3)).until(() -> !demo.isAlive() || CliRun.read(err).contains("▸ generating"));
        assertThat(demo.isAlive()).as(CliRun.read(err)).isTrue();
        assertThat(states()).as("while the demo runs").containsOnly("running");

        demo.destroy();
        assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the demo ends").isTrue();
        assertThat(states()).as("after it was stopped").doesNotContain("running", "crashed");
    }

    private static List<String> states() {
        CliRun.Result status = cli.run("status", "--json");
        List<String> states = new ArrayList<>();
        for (JsonNode service : status.json().path("services")) {
            states.add(service.path("state").asText());
        }
        assertThat(states).as(status.toString()).hasSize(3);
        return states;
    }
}
