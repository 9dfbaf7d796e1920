package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.runtime.RunningJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance is safe while others write (docs/maintenance.md, "What runs where"): three rounds in which the landing
 * job appends to Bronze, {@code maintain} compacts, rewrites manifests and expires on the same tables, and a batch
 * backfill rebuilds Silver and every Gold day, all at the same time. No command fails (a compaction group that
 * conflicts is left for later, not an error), and at the end the invariants hold and Gold is exactly what a full
 * rebuild makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentWritersTest {
    private static final int ROUNDS = 3;
    /** Every event day of the runs: the first covers three days from 2026-11-01, each round's run one more. */
    private static final String ALL_DAYS = "2026-10-25..2026-11-30";
    private static final String[] MAINTAINED = {"bronze.orders", "quarantine.orders", "silver.orders",
            "gold.city_hourly_sales"};
    private static final String GOLD_QUERY = "SELECT city, hour_start, orders_created, orders_paid, paid_amount"
            + " FROM gold.city_hourly_sales ORDER BY city, hour_start";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: the jobs' logs say why
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir);
        assertThat(cli.run("up").exitCode()).isZero();
        assertThat(cli.run("generate", "--events", "20000").exitCode()).isZero();
        assertThat(cli.run("stream", "start", "landing", "--until-caught-up").exitCode()).isZero();
        assertThat(cli.run("batch", "all").exitCode()).isZero();
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void landingMaintainAndBackfillAtOnceFailNothingAndChangeNoRow() throws Exception {
        RunningJob landing = RunningJob.start(EngineJobs.landing(cli.config(), false), cli.config());
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                CliRun.Result generated = cli.run("generate", "--events", "2000", "--days", "1");
                assertThat(generated.exitCode()).as(generated.toString()).isZero();
                CompletableFuture<CliRun.Result> maintain = CompletableFuture.supplyAsync(
                        () -> cli.run(withJson("maintain", MAINTAINED)), writers);
                CompletableFuture<CliRun.Result> backfill = CompletableFuture.supplyAsync(
                        () -> cli.run("batch", "all", "--backfill", ALL_DAYS), writers);
                CliRun.Result maintained = maintain.get();
                CliRun.Result backfilled = backfill.get();
                assertThat(maintained.exitCode()).as("round " + round + ": " + maintained).isZero();
                assertThat(backfilled.exitCode()).as("round " + round + ": " + backfilled).isZero();
                long failedFiles = 0;
                int manifestsLeft = 0;
                for (JsonNode table : maintained.json().path("tables")) {
                    failedFiles += table.at("/done/failed_files").asLong();
                    manifestsLeft += table.at("/done/manifests_left").asBoolean() ? 1 : 0;
                    assertThat(table.at("/after/records").asLong()).as("round " + round + " " + table.path("table"))
                            .isGreaterThanOrEqualTo(table.at("/before/records").asLong());
                }
                System.out.printf("round %d: maintained %d tables; left for the next run (conflicts): %d data files, "
                        + "the manifests of %d tables%n", round, maintained.json().path("tables").size(), failedFiles,
                        manifestsLeft);
            }
        } finally {
            writers.shutdown();
            landing.stop(Duration.ofSeconds(60));
        }
        assertThat(landing.await(message -> { }).exitCode()).as("landing stopped cleanly").isZero();

        assertThat(cli.run("stream", "start", "landing", "--until-caught-up").exitCode()).isZero();
        assertThat(cli.run("batch", "all").exitCode()).isZero();
        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        reconcile.json().path("checks").forEach(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());

        JsonNode gold = gold();
        assertThat(gold.path("rows")).isNotEmpty();
        assertThat(cli.run("batch", "gold", "--backfill", ALL_DAYS).exitCode()).isZero();
        assertThat(gold()).as("Gold after the rounds = Gold rebuilt from Silver").isEqualTo(gold);
    }

    private static String[] withJson(String command, String[] tables) {
        String[] args = new String[tables.length + 2];
        args[0] = command;
        System.arraycopy(tables, 0, args, 1, tables.length);
        args[tables.length + 1] = "--json";
        return args;
    }

    private JsonNode gold() {
        CliRun.Result sql = cli.run("sql", GOLD_QUERY, "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        return sql.json();
    }
}
