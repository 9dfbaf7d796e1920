package io.alluvium.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.cli.CliSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alluvium pipeline}'s bad input: one line naming what to fix, exit 2, no run started. */
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
    void aSchedulerWithoutAScheduleNamesTheSettingBeforeLookingForTheDatabase() {
        assertThat(run("pipeline", "scheduler", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("error: pipeline.schedule is empty: set a cron expression (e.g. 0 * * * *,"
                + " every hour) for the scheduler to start runs by itself" + System.lineSeparator());
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
