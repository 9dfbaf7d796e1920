package io.alluvium.spark.maintenance;

import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.LakeTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;

/**
 * {@code alluvium maintain [--dry-run] (--all | TABLE...)}: {@link TableMaintenance} for the tables named, or
 * for every table of every layer, one after the other, with progress per table; the result lists each table's
 * health before and after (docs/maintenance.md).
 */
public final class Maintenance {
    public static final String USAGE = "usage: maintain [--dry-run] (--all | <layer.name>...)";
    private static final String ALL = "--all";
    private static final String DRY_RUN = "--dry-run";

    /** What to maintain, as the command line said it. */
    public record Request(boolean all, boolean dryRun, List<TableId> tables) {
        public static Request parse(List<String> args) {
            boolean all = false;
            boolean dryRun = false;
            List<TableId> tables = new ArrayList<>();
            for (String arg : args) {
                switch (arg) {
                    case ALL -> all = true;
                    case DRY_RUN -> dryRun = true;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new BadInputException("unknown option " + arg + "; " + USAGE);
                        }
                        try {
                            tables.add(TableId.parse(arg));
                        } catch (IllegalArgumentException e) {
                            throw new BadInputException(e.getMessage());
                        }
                    }
                }
            }
            if (all == !tables.isEmpty()) {
                throw new BadInputException((all ? "--all and table names exclude each other; "
                        : "name the tables to maintain, or --all; ") + USAGE);
            }
            return new Request(all, dryRun, List.copyOf(tables));
        }
    }

    /** Told as each table starts and ends. */
    @FunctionalInterface
    public interface Progress {
        void report(String stage, long done, long total);
    }

    /** @param tables the result: each table's outcome, in the order maintained */
    public record Result(boolean dryRun, List<TableMaintenance.Outcome> tables) {
    }

    private final Catalog catalog;
    private final LakeTables lake;
    private final TableMaintenance maintenance;

    public Maintenance(Catalog catalog, LakeTables lake, TableMaintenance maintenance) {
        this.catalog = catalog;
        this.lake = lake;
        this.maintenance = maintenance;
    }

    public Result run(Request request, Progress progress) {
        List<TableId> tables = request.all() ? everyTable() : request.tables();
        for (TableId id : tables) {
            if (!lake.exists(id)) {
                throw new BadInputException("no table " + id + " (alluvium table list shows the tables)");
            }
        }
        List<TableMaintenance.Outcome> outcomes = new ArrayList<>();
        for (TableId id : tables) {
            progress.report((request.dryRun() ? "measuring " : "maintaining ") + id, outcomes.size(), tables.size());
            outcomes.add(maintenance.maintain(id, lake.load(id), request.dryRun()));
        }
        progress.report(request.dryRun() ? "measured" : "maintained", outcomes.size(), tables.size());
        return new Result(request.dryRun(), outcomes);
    }

    /** {@code table}'s health from its metadata alone ({@link TableMaintenance#health}). */
    public TableHealth health(TableId table) {
        return maintenance.health(lake.load(table));
    }

    private List<TableId> everyTable() {
        List<TableId> tables = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            try {
                catalog.listTables(Namespace.of(layer.namespace())).stream().map(TableIdentifier::name).sorted()
                        .forEach(name -> tables.add(layer.table(name)));
            } catch (NoSuchNamespaceException e) {
                // a layer nothing has written to yet
            }
        }
        return tables;
    }
}
