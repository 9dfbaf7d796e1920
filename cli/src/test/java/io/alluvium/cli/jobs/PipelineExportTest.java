package io.alluvium.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.cli.CliSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alluvium pipeline export}: the platform's pipeline written for Airflow and Step Functions with the commands
 * a user would type; bad input (no target, a place that cannot be written, a malformed schedule) is one line and
 * exit 2, with nothing written.
 */
class PipelineExportTest {
    @TempDir
    Path dir;

    private final CliSession cli = new CliSession();

    private int export(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "pipeline";
        all[1] = "export";
        all[2] = "--data-dir";
        all[3] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return cli.run(all);
    }

    private String oneErrorLine() {
        assertThat(cli.err().lines()).singleElement();
        assertThat(cli.err()).doesNotContain("Exception");
        return cli.err().strip();
    }

    /** The Spark steps' retry policy comes from the settings; the quality checks keep their one attempt. */
    @Test
    void theStepsRetryPolicyIsTheSettings() throws IOException {
        Path airflow = dir.resolve("dags");
        assertThat(export("--airflow", airflow.toString(), "--set", "pipeline.step-attempts=5",
                "--set", "pipeline.step-backoff=10s")).as(cli.err()).isZero();

        String dag = Files.readString(airflow.resolve("alluvium_platform.py"));
        assertThat(dag.split("retries=4,", -1)).as("silver, gold, publish, maintain: 4 retries").hasSize(5);
        assertThat(dag.split("retry_delay=timedelta\\(seconds=10\\),", -1)).hasSize(5);
        assertThat(dag).contains("max_retry_delay=timedelta(seconds=80),", "retries=0,");
    }

    @Test
    void bothFilesCarryThePlatformsCommandsAndSchedule() throws IOException {
        Path airflow = dir.resolve("dags");
        Path machine = dir.resolve("sfn").resolve("platform.json");
        assertThat(export("--airflow", airflow.toString(), "--step-functions", machine.toString(),
                "--set", "pipeline.schedule=30 2 * * *")).as(cli.err()).isZero();

        Path dag = airflow.resolve("alluvium_platform.py");
        assertThat(cli.out()).contains("wrote the Airflow DAG " + dag, "wrote the Step Functions state machine "
                + machine, "EventBridge rule for cron 30 2 * * *");
        assertThat(Files.readString(dag)).contains("schedule=\"30 2 * * *\"", "bash_command=\"alluvium reconcile\"",
                "bash_command=\"alluvium maintain --all\"",
                "tasks[\"gold\"] >> [tasks[\"publish\"], tasks[\"quality\"]]");
        JsonNode states = new ObjectMapper().readTree(machine.toFile()).path("States");
        assertThat(states.path("publish, quality").path("Type").asText()).isEqualTo("Parallel");
        assertThat(states.path("silver").path("Parameters").path("Step").path("HadoopJarStep").path("Args")
                .toString()).isEqualTo("[\"alluvium\",\"batch\",\"silver\"]");
    }

    @Test
    void exportWithoutATargetIsRefused() {
        assertThat(export()).isEqualTo(2);
        assertThat(oneErrorLine())
                .isEqualTo("error: pipeline export needs --airflow DIR or --step-functions FILE (or both)");
    }

    @Test
    void aTargetWithAnotherActionIsRefused() {
        assertThat(cli.run("pipeline", "history", "--airflow", dir.toString())).isEqualTo(2);
        assertThat(oneErrorLine())
                .isEqualTo("error: --airflow and --step-functions go with pipeline export, not pipeline history");
    }

    @Test
    void aPlaceThatCannotBeWrittenIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThat(export("--airflow", file.resolve("dags").toString())).isEqualTo(2);
        assertThat(oneErrorLine()).isEqualTo("error: cannot write the Airflow DAG to "
                + file.resolve("dags").resolve("alluvium_platform.py") + ": Not a directory: " + file.resolve("dags"));

        cli.clearErr();
        assertThat(export("--airflow", file.toString())).isEqualTo(2);
        assertThat(oneErrorLine()).isEqualTo("error: cannot write the Airflow DAG to "
                + file.resolve("alluvium_platform.py") + ": " + file + " exists and is not a directory");

        cli.clearErr();
        assertThat(export("--step-functions", dir.toString())).as("a directory is no file").isEqualTo(2);
        assertThat(oneErrorLine()).startsWith("error: cannot write the Step Functions state machine to " + dir + ": ");
    }

    @Test
    void aMalformedScheduleIsOneLineAndNothingIsWritten() {
        Path airflow = dir.resolve("dags");
        assertThat(export("--airflow", airflow.toString(), "--set", "pipeline.schedule=0 25 * * *")).isEqualTo(2);
        assertThat(oneErrorLine()).startsWith("error: pipeline.schedule \"0 25 * * *\" is not a cron expression");
        assertThat(airflow).doesNotExist();
    }
}
