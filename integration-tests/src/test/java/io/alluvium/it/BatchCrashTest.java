package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.JobMain;
import io.alluvium.runtime.RunningJob;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch build killed with SIGKILL in the middle of its work, then rerun, leaves Silver and Gold
 * exactly as a full rebuild would: the Bronze watermark commits atomically with the data it covers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchCrashTest {
    private static final String GOLD_QUERY = "SELECT city, hour_start, orders_paid, paid_amount "
            + "FROM gold.city_hourly_sales ORDER BY city, hour_start";

    @TempDir
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir);
        assertThat(cli.run("up").exitCode()).isZero();
        assertThat(cli.run("generate", "--events", "4000").exitCode()).isZero();
        assertThat(cli.run("stream", "start", "landing", "--until-caught-up").exitCode()).isZero();
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void killedBatchRerunLeavesSilverAndGoldExact() {
        ChildJvm batch = JobMain.BATCH.jvm("batch-crashed", cli.config().getMemory(AlluviumSettings.SPARK_HEAP),
                List.of("all"));
        RunningJob job = RunningJob.start(batch, cli.config());
        AtomicInteger progress = new AtomicInteger();
        RunningJob.Outcome crashed = job.await(msg -> {
            if (msg.kind() == ChildProtocol.Kind.PROGRESS && progress.incrementAndGet() == 2) {
                job.kill();
            }
        });
        assertThat(crashed.exitCode()).as("the job was killed mid-run by SIGKILL").isEqualTo(137);

        CliRun.Result rerun = cli.run("batch", "all");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        reconcile.json().path("checks").forEach(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());

        JsonNode goldAfterCrash = gold();
        assertThat(goldAfterCrash.path("rows")).isNotEmpty();
        CliRun.Result rebuild = cli.run("batch", "gold", "--backfill", "2026-10-01..2026-12-31");
        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        assertThat(gold()).isEqualTo(goldAfterCrash);
    }

    private JsonNode gold() {
        CliRun.Result sql = cli.run("sql", GOLD_QUERY, "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        return sql.json();
    }
}
