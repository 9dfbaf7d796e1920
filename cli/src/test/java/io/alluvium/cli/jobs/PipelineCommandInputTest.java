package io.alluvium.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.cli.CliSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alluvium pipeline}'s and {@code alluvium run}'s bad input: one line naming what to fix, exit 2, no run started. */
class PipelineCommandInputTest {
    @TempDir
    Path dir;

    private final CliSession cli = new CliSession();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void anUnknownActionNamesTheActions() {
        assertThat(run("pipeline", "rerun", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("rerun").contains("run, history").doesNotContain("Exception");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThat(run("pipeline", "history", "--limit", "0", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: --limit must be at least 1, got 0" + System.lineSeparator());
    }

    @Test
    void clearNeedsARunAndATaskAndItsArgumentsGoWithClearOnly() {
        assertThat(run("pipeline", "clear", "7", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: usage: alluvium pipeline clear RUN TASK [--downstream] (alluvium"
                + " pipeline status shows the runs and their tasks)" + System.lineSeparator());
        cli.clearErr();
        assertThat(run("pipeline", "history", "--downstream", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: a run, a task and --downstream go with pipeline clear, not pipeline"
                + " history" + System.lineSeparator());
        cli.clearErr();
        assertThat(run("pipeline", "clear", "seven", "gold", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("seven").doesNotContain("Exception");
    }

    @Test
    void aSchedulerWithNothingToStartRunsNamesBothSettingsBeforeLookingForTheDatabase() {
        for (List<String> command : List.of(List.of("pipeline", "scheduler"), List.of("run"))) {
            cli.clearErr();
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--data-dir", dir.toString(), "--set", "pipeline.new-data-interval=0s"));
            assertThat(run(args.toArray(String[]::new))).as(command.toString()).isEqualTo(2);
            assertThat(cli.err()).as(command.toString()).isEqualTo("error: nothing would start a run:"
                    + " pipeline.schedule is empty and pipeline.new-data-interval is 0s; set a cron expression"
                    + " (e.g. 0 * * * *, every hour) or how often to look for new data (e.g. 1m)"
                    + System.lineSeparator());
        }
    }

    @Test
    void aCatalogDatabaseThatIsNotRunningIsNamedBeforeAnythingStarts() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        assertThat(run("pipeline", "run", "--data-dir", dir.toString(),
                "--set", "catalog.postgres-port=" + closedPort)).isEqualTo(2);
        assertThat(cli.err().lines()).singleElement().asString()
                .contains("cannot reach the catalog database at 127.0.0.1:" + closedPort)
                .contains("alluvium up");
    }
}
