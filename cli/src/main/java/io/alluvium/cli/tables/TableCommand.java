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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium table list|describe|history|rollback|tag}: what the catalog holds, table by table, and the two
 * changes of a table's history that a user makes by hand (docs/maintenance.md, "Time travel and rollback").
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Inspect Iceberg tables: list, describe <table> (schema, partitions, files), history <table>"
                + " (snapshots, tags); rollback <table> --to <snapshot|time> (Silver and Gold); tag <table> <name>"
                + " [--at <snapshot|time>], read later with VERSION AS OF '<name>'.")
public final class TableCommand extends PlatformCommand {
    /** What to show or do. */
    enum Action { list, describe, history, rollback, tag }

    @Parameters(index = "0", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TABLE", description = "layer.name, e.g. bronze.orders")
    String table;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "tag: the tag's name")
    String name;

    @Option(names = "--to", paramLabel = "SNAPSHOT|TIME", description = "rollback: the snapshot id, or the ISO-8601"
            + " time (e.g. 2026-11-02T10:00:00Z) whose current snapshot becomes the table's state again.")
    String to;

    @Option(names = "--at", paramLabel = "SNAPSHOT|TIME", description = "tag: the snapshot to name (default: the"
            + " current one), by id or by the ISO-8601 time it was current at.")
    String at;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("table", action.name()));
        if (action != Action.list) {
            if (table == null) {
                throw new UserError("table " + action + " needs a table, e.g. alluvium table " + action + " silver.orders"
                        + (action == Action.rollback ? " --to <snapshot|time>" : action == Action.tag ? " <name>" : ""));
            }
            try {
                args.add(TableId.parse(table).toString());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        if ((name != null) != (action == Action.tag)) {
            throw new UserError(action == Action.tag ? "table tag needs a name, e.g. alluvium table tag silver.orders"
                    + " known_good" : "table " + action + " takes one table, got also \"" + name + "\"");
        }
        if ((to != null) != (action == Action.rollback)) {
            throw new UserError(action == Action.rollback ? "table rollback needs --to <snapshot id|ISO time>"
                    : "--to is for table rollback");
        }
        if (at != null && action != Action.tag) {
            throw new UserError("--at is for table tag");
        }
        if (action == Action.rollback) {
            args.add(to);
        } else if (action == Action.tag) {
            args.add(name);
            if (at != null) {
                args.add(at);
            }
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        ResultViews.show(EngineJobs.run(EngineJobs.batch(config, "table", args), config), console());
        return 0;
    }
}
