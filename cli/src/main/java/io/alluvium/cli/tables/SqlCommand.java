package io.alluvium.cli.tables;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.UserError;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium sql "<Spark SQL>"}: a query over the platform's catalog, as a table or JSON. It only reads unless
 * {@code --write} is given: the Spark job refuses, as Spark parses it, any statement that may change a table or the
 * catalog. {@code --as-of} reads every table of a query at one point in its history, and says which snapshot each
 * table was read at.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one Spark SQL statement over the Iceberg catalog (tables as layer.name, e.g. silver.orders)."
                + " Read-only (queries, DESCRIBE, SHOW, EXPLAIN) unless --write.")
public final class SqlCommand extends PlatformCommand {
    @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL statement.")
    String statement;

    @Option(names = "--write", description = "Allow a statement that changes tables or the catalog (CREATE, ALTER,"
            + " DROP, INSERT, UPDATE, DELETE, MERGE, CALL, ...).")
    boolean write;

    @Option(names = "--as-of", paramLabel = "SNAPSHOT|TIME", description = "Read every table of the query as it was"
            + " at this point: a snapshot id (alluvium table history lists them; the other tables are read as of its"
            + " commit time) or an ISO-8601 time with its offset, e.g. 2026-11-02T10:00:00Z.")
    String asOf;

    @Override
    public Integer call() {
        if (statement.isBlank()) {
            throw new UserError("the SQL statement is empty");
        }
        if (asOf != null && write) {
            throw new UserError("--as-of reads the tables as they were; it cannot be combined with --write");
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        Preflight.requireSparkMaster(config);
        List<String> args = asOf != null ? List.of("sql", "--as-of", asOf, statement)
                : write ? List.of("sql", "--write", statement) : List.of("sql", statement);
        JsonNode result = EngineJobs.run(EngineJobs.batch(config, "sql", args), config);
        ResultViews.rows(result, console());
        if (!console().json()) {
            result.path("read_at").forEach(t -> console().info("read at: " + t.path("table").asText() + " snapshot "
                    + t.path("snapshot_id").asText() + " (committed " + t.path("committed_at").asText() + ")"));
        }
        return 0;
    }
}
