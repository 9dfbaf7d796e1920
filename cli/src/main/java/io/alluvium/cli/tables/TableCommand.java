package io.alluvium.cli.tables;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.UserError;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.TableId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alluvium table list|describe|history}: what the catalog holds, table by table. */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Inspect Iceberg tables: list, describe <table> (schema, partitions, files), history <table>.")
public final class TableCommand extends PlatformCommand {
    /** What to show. */
    enum Action { list, describe, history }

    @Parameters(index = "0", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE", description = "layer.name, e.g. bronze.orders")
    String table;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("table", action.name()));
        if (action != Action.list) {
            if (table == null) {
                throw new UserError("table " + action + " needs a table, e.g. alluvium table " + action + " bronze.orders");
            }
            try {
                args.add(TableId.parse(table).toString());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        ResultViews.show(EngineJobs.run(EngineJobs.batch(config, "table", args), config), console());
        return 0;
    }
}
