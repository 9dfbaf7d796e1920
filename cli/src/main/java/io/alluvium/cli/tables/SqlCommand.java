package io.alluvium.cli.tables;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.UserError;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium sql "<Spark SQL>"}: a query over the platform's catalog, as a table or JSON. It only reads unless
 * {@code --write} is given: the Spark job refuses, as Spark parses it, any statement that may change a table or the
 * catalog.
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

    @Override
    public Integer call() {
        if (statement.isBlank()) {
            throw new UserError("the SQL statement is empty");
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        List<String> args = write ? List.of("sql", "--write", statement) : List.of("sql", statement);
        ResultViews.rows(EngineJobs.run(EngineJobs.batch(config, "sql", args), config), console());
        return 0;
    }
}
