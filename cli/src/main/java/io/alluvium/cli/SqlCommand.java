package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alluvium sql "<Spark SQL>"}: a query over the platform's catalog, as a table or JSON. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one Spark SQL statement over the Iceberg catalog (tables as layer.name, e.g. silver.orders).")
final class SqlCommand extends PlatformCommand {
    @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL statement.")
    String statement;

    @Override
    public Integer call() {
        if (statement.isBlank()) {
            throw new UserError("the SQL statement is empty");
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        ResultViews.rows(EngineJobs.run(EngineJobs.batch(config, "sql", List.of("sql", statement)), config), console());
        return 0;
    }
}
