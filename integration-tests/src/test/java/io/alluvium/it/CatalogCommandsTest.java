package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sql} and {@code table list} as a person sees them on the console, against a real catalog (the embedded
 * PostgreSQL, started alone: no broker, no serving store) and Spark in its child JVM: sql only reads unless
 * --write, a table is listed as a table, money shows to the cent, and a wide result fits 100 characters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogCommandsTest {
    /** An external broker and store that no command here reaches: `up` starts the catalog database only. */
    private static final List<String> CATALOG_ONLY = List.of("--set", "kafka.bootstrap-servers=127.0.0.1:9",
            "--set", "serving.redis-url=redis://127.0.0.1:9");

    @TempDir
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir);
        CliRun.Result up = run("up");
        assertThat(up.exitCode()).as(up.toString()).isZero();
        assertThat(up.err()).contains("starting catalog-db").doesNotContain("kafka-broker").doesNotContain("serving-store");
    }

    @AfterAll
    void down() {
        if (cli != null) {
            run("down");
        }
    }

    private CliRun.Result run(String... command) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(CATALOG_ONLY);
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void sqlRefusesToChangeTheCatalogWithoutWrite() {
        CliRun.Result refused = run("sql", "CREATE NAMESPACE IF NOT EXISTS silver");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("error: sql only reads (queries, DESCRIBE, SHOW, EXPLAIN), and this statement"
                + " (CreateNamespace) may change tables or the catalog: add --write to run it" + System.lineSeparator());
    }

    @Test
    @Order(2)
    void withWriteItChangesTheCatalogAndTableListShowsTheTable() {
        for (String statement : List.of("CREATE NAMESPACE IF NOT EXISTS silver",
                "CREATE TABLE silver.money USING iceberg AS SELECT * FROM VALUES ('Berlin', CAST(12711578.24 AS"
                        + " decimal(18,2))), ('Paris', CAST(484165.60 AS decimal(18,2))), ('Rome', CAST(0.50 AS"
                        + " decimal(18,2))) AS t(city, paid_amount)")) {
            CliRun.Result written = run("sql", "--write", statement);
            assertThat(written.exitCode()).as(written.toString()).isZero();
        }
        CliRun.Result list = run("table", "list");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).containsPattern("\\| table +\\| current_snapshot_id +\\| last_updated +\\| records \\|")
                .containsPattern("\\| silver.money +\\| +\\d+ +\\| \\d{4}-\\d\\d-\\d\\dT[^|]+\\| +3 \\|");
    }

    @Test
    @Order(3)
    void moneyShowsToTheCent() {
        CliRun.Result sql = run("sql", "SELECT city, paid_amount, sum(paid_amount) OVER () AS total FROM silver.money"
                + " ORDER BY city");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.out()).containsPattern("\\| Berlin \\| +12711578.24 \\| +13195744.34 \\|")
                .containsPattern("\\| Paris +\\| +484165.60 \\|").containsPattern("\\| Rome +\\| +0.50 \\|")
                .doesNotContainPattern("\\dE\\d").contains("3 row(s)");
    }

    @Test
    @Order(4)
    void aWideResultFitsAHundredCharactersAndSaysWhatItLeftOut() {
        CliRun.Result sql = run("sql", "SELECT city, current_timestamp() AS at1, current_timestamp() AS at2,"
                + " current_timestamp() AS at3, current_timestamp() AS at4, current_timestamp() AS at5,"
                + " current_timestamp() AS at6, current_timestamp() AS at7 FROM silver.money");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        assertThat(sql.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        assertThat(sql.out()).containsPattern("\\| Berlin \\| \\d{4}-\\d\\d-\\d… \\|")
                .containsPattern("\\(long cells cut \\(…\\)(, the last \\d of 8 columns left out)?: --wide or --json"
                        + " shows all\\)");
    }

    @Test
    @Order(5)
    void aDropWithoutWriteIsRefusedAndTheTableStays() {
        CliRun.Result drop = run("sql", "DROP TABLE silver.money PURGE");
        assertThat(drop.exitCode()).as(drop.toString()).isEqualTo(2);
        assertThat(drop.err()).contains("(DropTable) may change tables or the catalog: add --write to run it")
                .hasLineCount(1);
        assertThat(run("table", "list").out()).contains("| silver.money");
    }

    @Test
    @Order(6)
    void maintainCompactsATableShowingBeforeAndAfterAndRefusesBadArguments() {
        CliRun.Result nothing = run("maintain");
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.err()).contains("name the tables to maintain").hasLineCount(1);
        CliRun.Result missing = run("maintain", "silver.nowhere");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err().lines().filter(line -> line.startsWith("error:")))
                .containsExactly("error: no table silver.nowhere (alluvium table list shows the tables)");

        // eight more small files in one commit (one per id), more than compaction's 5 input files per group
        CliRun.Result inserted = run("sql", "--write", "INSERT INTO silver.money SELECT /*+ REPARTITION_BY_RANGE(8, id) */"
                + " concat('city-', id), CAST(id AS decimal(18,2)) FROM range(8)");
        assertThat(inserted.exitCode()).as(inserted.toString()).isZero();
        CliRun.Result dryRun = run("maintain", "--dry-run", "silver.money");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).containsPattern("\\| table +\\| data files +\\| avg file +\\| small files +\\| snapshots")
                .containsPattern("\\| silver.money +\\| +([6-9]|[1-9]\\d) +\\|").contains("dry run: nothing was changed");

        CliRun.Result maintained = run("maintain", "silver.money");
        assertThat(maintained.exitCode()).as(maintained.toString()).isZero();
        assertThat(maintained.out()).containsPattern("\\| silver.money +\\| ([6-9]|[1-9]\\d) → 1 +\\|")
                .doesNotContain("dry run");
        assertThat(maintained.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
        CliRun.Result count = run("sql", "SELECT count(*) AS n, sum(paid_amount) AS paid FROM silver.money");
        assertThat(count.out()).containsPattern("\\| +11 \\| +13195772.34 \\|");
    }

    @Test
    @Order(7)
    void sqlReadsAsOfASnapshotAndATableIsTaggedAndRolledBack() {
        CliRun.Result history = run("table", "history", "silver.money", "--json");
        assertThat(history.exitCode()).as(history.toString()).isZero();
        // the table's first snapshot: the three rows it was created with
        String created = history.json().path("snapshots").get(0).path("snapshot_id").asText();
        String query = "SELECT count(*) AS n, sum(paid_amount) AS paid FROM silver.money";

        CliRun.Result then = run("sql", "--as-of", created, query);
        assertThat(then.exitCode()).as(then.toString()).isZero();
        assertThat(then.out()).containsPattern("\\| +3 \\| +13195744.34 \\|")
                .containsPattern("read at: silver.money snapshot " + created + " \\(committed \\d{4}-\\d\\d-\\d\\dT");

        CliRun.Result tagged = run("table", "tag", "silver.money", "before_rollback");
        assertThat(tagged.exitCode()).as(tagged.toString()).isZero();
        CliRun.Result rolledBack = run("table", "rollback", "silver.money", "--to", created);
        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        assertThat(rolledBack.out()).contains(created);
        assertThat(run("sql", query).out()).containsPattern("\\| +3 \\| +13195744.34 \\|");
        assertThat(run("sql", "SELECT count(*) AS n FROM silver.money VERSION AS OF 'before_rollback'").out())
                .containsPattern("\\| +11 \\|");

        CliRun.Result badPoint = run("sql", "--as-of", "yesterday", query);
        assertThat(badPoint.exitCode()).as(badPoint.toString()).isEqualTo(2);
        assertThat(badPoint.err().lines().filter(line -> line.startsWith("error:"))).singleElement().asString()
                .contains("--as-of takes a snapshot id").contains("got \"yesterday\"");
        CliRun.Result noPoint = run("table", "rollback", "silver.money");
        assertThat(noPoint.exitCode()).as(noPoint.toString()).isEqualTo(2);
        assertThat(noPoint.err()).isEqualTo("error: table rollback needs --to <snapshot id|ISO time>"
                + System.lineSeparator());
    }

    @Test
    @Order(8)
    void doctorFlagsSmallFilesExitingOneAndFixesThem() {
        CliRun.Result created = run("sql", "--write", "CREATE TABLE silver.scattered USING iceberg AS SELECT"
                + " /*+ REPARTITION_BY_RANGE(12, id) */ id, CAST(id AS decimal(18,2)) AS amount FROM range(12)");
        assertThat(created.exitCode()).as(created.toString()).isZero();

        // no broker and no serving store here: the tables alone
        CliRun.Result sick = run("doctor", "--only", "tables");
        assertThat(sick.exitCode()).as(sick.toString()).isEqualTo(1);
        assertThat(sick.out())
                .containsPattern("\\| WARNING +\\| silver.scattered +\\| small-files +\\| alluvium maintain silver.scattered +\\|")
                .contains("- silver.scattered small-files: 12 of 12 data files are small")
                .contains("  why: every scan opens").contains("alluvium doctor --fix applies the table fixes");
        assertThat(sick.out().lines().filter(line -> line.startsWith("|") || line.startsWith("+")))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));

        CliRun.Result fixed = run("doctor", "--only", "tables", "--fix");
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.out()).contains("fixed silver.scattered (1 finding(s)): data files 12 → 1")
                .containsPattern("healthy: no finding in tables \\(\\d+\\)");
        assertThat(run("sql", "SELECT count(*) AS n, sum(amount) AS s FROM silver.scattered").out())
                .containsPattern("\\| +12 \\| +66.00 \\|");
    }
}
