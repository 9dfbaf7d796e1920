package io.alluvium.spark;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The batch child JVM the CLI starts: {@code BatchMain <settings.properties> <command...>} with
 * <pre>
 *   silver | gold | all [--backfill YYYY-MM-DD..YYYY-MM-DD]
 *   sql [--write] &lt;statement&gt;
 *   table list | table describe &lt;layer.name&gt; | table history &lt;layer.name&gt;
 *   reconcile
 *   maintain [--dry-run] (--all | &lt;layer.name&gt;...)
 * </pre>
 * Each answers with one {@code @alluvium result} line of JSON (see TABLES.md).
 */
public final class BatchMain {
    static final String USAGE = "usage: silver|gold|all [--backfill FROM..TO] | sql [--write] <statement>"
            + " | table list|describe <layer.name>|history <layer.name> | reconcile"
            + " | maintain [--dry-run] (--all | <layer.name>...)";

    /** The flag of {@code sql} that lets a statement change tables or the catalog. */
    private static final String WRITE = "--write";

    private BatchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, BatchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        if (args.length == 0) {
            throw new BadInputException(USAGE);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "silver", "gold", "all" -> {
                BatchRun batch = BatchRun.parse(args[0], rest);
                try (BatchLock lock = BatchLock.acquire(DataDir.of(config))) {
                    withSpark(config, spark -> out.result(Json.write(batch.run(spark, out::progress))));
                }
            }
            case "sql" -> {
                boolean write = !rest.isEmpty() && rest.get(0).equals(WRITE);
                String statement = String.join(" ", write ? rest.subList(1, rest.size()) : rest);
                withSpark(config, spark -> out.result(Json.write(new SqlCommand(spark).run(statement, write))));
            }
            case "table" -> out.result(Json.write(table(config, rest)));
            case "reconcile" -> withSpark(config, spark ->
                    out.result(Json.write(new Reconciler(spark, new LakeTables(spark),
                            new ServingStoreCheck(ServingEndpoint.of(config))).run())));
            case "maintain" -> {
                Maintenance.Request request = Maintenance.Request.parse(rest);
                withSpark(config, spark -> out.result(Json.write(new Maintenance(IcebergCatalogs.open(config),
                        new LakeTables(spark), new TableMaintenance(spark, MaintenancePolicy.of(config),
                        Clock.systemUTC())).run(request, out::progress))));
            }
            default -> throw new BadInputException("unknown command \"" + args[0] + "\"; " + USAGE);
        }
    }

    private static Object table(AlluviumConfig config, List<String> args) {
        String verb = args.isEmpty() ? "" : args.get(0);
        if (verb.equals("list") && args.size() == 1) {
            return new TableInspector(IcebergCatalogs.open(config)).list();
        }
        if ((verb.equals("describe") || verb.equals("history")) && args.size() == 2) {
            TableInspector inspector = new TableInspector(IcebergCatalogs.open(config));
            return verb.equals("describe") ? inspector.describe(args.get(1)) : inspector.history(args.get(1));
        }
        throw new BadInputException("usage: table list | table describe <layer.name> | table history <layer.name>");
    }

    private interface SparkWork {
        void run(SparkSession spark);
    }

    private static void withSpark(AlluviumConfig config, SparkWork work) {
        SparkSession spark = SparkSessions.create(config);
        try {
            work.run(spark);
        } finally {
            spark.stop();
        }
    }
}
