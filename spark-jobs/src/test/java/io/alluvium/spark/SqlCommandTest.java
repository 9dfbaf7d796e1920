package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code alluvium sql} reads unless told to write, as Spark's parser (with Iceberg's extensions, as the CLI runs it)
 * classifies the statement: queries and DESCRIBE / SHOW / EXPLAIN run; DDL, INSERT, UPDATE, DELETE, MERGE and CALL
 * are refused, naming --write, and change nothing; with --write they run.
 */
class SqlCommandTest {
    private static SparkSession spark;

    @BeforeAll
    static void scratchTable() {
        spark = TestLake.spark();
        spark.sql("CREATE NAMESPACE IF NOT EXISTS scratch");
        spark.sql("CREATE TABLE IF NOT EXISTS scratch.readonly (id bigint, amount decimal(18,2)) USING iceberg");
    }

    @Test
    void readingStatementsOnlyRead() throws Exception {
        for (String statement : List.of("SELECT 1", "select * from scratch.readonly", "WITH t AS (SELECT 1 AS x) SELECT x FROM t",
                "VALUES (1, 2)", "TABLE scratch.readonly", "FROM scratch.readonly SELECT id",
                "SELECT * FROM scratch.readonly.snapshots", "DESCRIBE TABLE EXTENDED scratch.readonly",
                "DESC scratch.readonly id", "SHOW TABLES IN scratch", "SHOW NAMESPACES", "SHOW CREATE TABLE scratch.readonly",
                "SHOW TBLPROPERTIES scratch.readonly", "SHOW COLUMNS IN scratch.readonly", "SHOW FUNCTIONS",
                "EXPLAIN SELECT 1", "EXPLAIN DROP TABLE scratch.readonly", "SHOW CATALOGS", "SHOW VIEWS IN scratch")) {
            assertThat(ReadOnlyStatement.change(spark, statement)).as(statement).isEmpty();
        }
    }

    @Test
    void statementsThatMayChangeTablesOrTheCatalogAreNamed() throws Exception {
        for (String statement : List.of("DROP TABLE scratch.readonly PURGE", "DROP NAMESPACE scratch CASCADE",
                "CREATE TABLE scratch.other (id bigint) USING iceberg", "CREATE NAMESPACE other",
                "CREATE TABLE scratch.copy AS SELECT * FROM scratch.readonly", "CREATE VIEW scratch.v AS SELECT 1",
                "ALTER TABLE scratch.readonly ADD COLUMN note string", "ALTER TABLE scratch.readonly WRITE ORDERED BY id",
                "INSERT INTO scratch.readonly VALUES (1, 2.00)", "INSERT OVERWRITE scratch.readonly SELECT * FROM scratch.readonly",
                "WITH t AS (SELECT 1 AS id, 2.00 AS amount) INSERT INTO scratch.readonly SELECT * FROM t",
                "INSERT OVERWRITE DIRECTORY '/tmp/out' USING parquet SELECT 1",
                "UPDATE scratch.readonly SET amount = 0", "DELETE FROM scratch.readonly WHERE id = 1",
                "MERGE INTO scratch.readonly t USING scratch.readonly s ON t.id = s.id WHEN MATCHED THEN DELETE",
                "CALL system.expire_snapshots('scratch.readonly')", "TRUNCATE TABLE scratch.readonly",
                "ANALYZE TABLE scratch.readonly COMPUTE STATISTICS", "REFRESH TABLE scratch.readonly",
                "CACHE TABLE scratch.readonly")) {
            assertThat(ReadOnlyStatement.change(spark, statement)).as(statement).isNotEmpty();
        }
    }

    @Test
    void aDropIsRefusedNamingWriteAndChangesNothingAndRunsWithWrite() {
        SqlCommand sql = new SqlCommand(spark);
        sql.run("CREATE TABLE scratch.doomed (id bigint) USING iceberg", true);

        assertThatThrownBy(() -> sql.run("DROP TABLE scratch.doomed PURGE", false))
                .isInstanceOf(BadInputException.class)
                .hasMessage("sql only reads (queries, DESCRIBE, SHOW, EXPLAIN), and this statement (DropTable) may change"
                        + " tables or the catalog: add --write to run it");
        assertThat(spark.catalog().tableExists("scratch.doomed")).isTrue();

        sql.run("DROP TABLE scratch.doomed PURGE", true);
        assertThat(spark.catalog().tableExists("scratch.doomed")).isFalse();
    }

    @Test
    void aStatementThatIsNotSqlIsStillSparksOwnMessage() {
        assertThatThrownBy(() -> new SqlCommand(spark).run("DROPP TABLE scratch.readonly", false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("PARSE_SYNTAX_ERROR");
    }
}
