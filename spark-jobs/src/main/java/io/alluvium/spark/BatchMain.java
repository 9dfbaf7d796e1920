package io.alluvium.spark;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.domain.TableId;
import io.alluvium.spark.doctor.Doctor;
import io.alluvium.spark.doctor.SkewChecks;
import io.alluvium.spark.maintenance.Maintenance;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import io.alluvium.spark.timetravel.AsOf;
import io.alluvium.spark.timetravel.TableVersions;
import io.alluvium.spark.timetravel.TimeTravel;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The batch child JVM the CLI starts: {@code BatchMain <settings.properties> <command...>} with
 * <pre>
 *   silver | gold | all [--backfill YYYY-MM-DD..YYYY-MM-DD]
 *   publish
 *   sql [--write | --as-of &lt;snapshot-id|ISO time&gt;] &lt;statement&gt;
 *   table list | table describe &lt;layer.name&gt; | table history &lt;layer.name&gt;
 *   table rollback &lt;layer.name&gt; &lt;snapshot-id|ISO time&gt; | table tag &lt;layer.name&gt; &lt;name&gt; [&lt;snapshot-id|ISO time&gt;]
 *   reconcile
 *   maintain [--dry-run] (--all | &lt;layer.name&gt;...)
 *   doctor [--fix]
 * </pre>
 * Each answers with one {@code @alluvium result} line of JSON (see TABLES.md).
 */
public final class BatchMain {
    private static final String TABLE_USAGE = "table list | table describe|history <layer.name>"
            + " | table rollback <layer.name> <snapshot-id|time> | table tag <layer.name> <name> [<snapshot-id|time>]";
    static final String USAGE = "usage: silver|gold|all [--backfill FROM..TO] | publish"
            + " | sql [--write | --as-of <snapshot-id|time>] <statement> | " + TABLE_USAGE + " | reconcile"
            + " | maintain [--dry-run] (--all | <layer.name>...) | doctor [--fix]";

    /** The flag of {@code sql} that lets a statement change tables or the catalog. */
    private static final String WRITE = "--write";
    /** The flag of {@code sql} that reads every table of a query at a point in its history. */
    private static final String AS_OF = "--as-of";

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
                    withSpark(config, spark -> {
                        BatchRun.Result built = batch.run(spark, out::progress);
                        LastBatchRun.save(DataDir.of(config), built, Instant.now());
                        if (config.getBoolean(AlluviumSettings.BATCH_MAINTENANCE)) {
                            built = built.withMaintained(doctor(config, spark).maintainFlagged(built.tablesBuilt(),
                                    out::progress));
                        }
                        if (built.builtGold()) {
                            out.progress("publishing the batch view", 0, 1);
                            built = built.withPublished(publish(config, spark));
                        }
                        out.result(Json.write(built));
                    });
                }
            }
            case "publish" -> {
                if (!rest.isEmpty()) {
                    throw new BadInputException("usage: publish (no arguments)");
                }
                try (BatchLock lock = BatchLock.acquire(DataDir.of(config))) {
                    withSpark(config, spark -> {
                        BatchViewPublish.Outcome outcome = publish(config, spark);
                        if (outcome instanceof BatchViewPublish.Skipped skipped) {
                            throw new BadInputException(skipped.skipped());
                        }
                        out.result(Json.write(outcome));
                    });
                }
            }
            case "sql" -> sql(config, rest, out);
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
            case "doctor" -> {
                boolean fix = rest.equals(List.of("--fix"));
                if (!fix && !rest.isEmpty()) {
                    throw new BadInputException("usage: doctor [--fix]");
                }
                withSpark(config, spark -> out.result(Json.write(doctor(config, spark).examine(fix, out::progress))));
            }
            default -> throw new BadInputException("unknown command \"" + args[0] + "\"; " + USAGE);
        }
    }

    private static BatchViewPublish.Outcome publish(AlluviumConfig config, SparkSession spark) {
        return new BatchViewPublish(spark, new LakeTables(spark), ServingEndpoint.of(config),
                config.getDuration(AlluviumSettings.REALTIME_WATERMARK_DELAY)).run();
    }

    private static Doctor doctor(AlluviumConfig config, SparkSession spark) {
        MaintenancePolicy policy = MaintenancePolicy.of(config);
        LakeTables lake = new LakeTables(spark);
        return new Doctor(new Maintenance(IcebergCatalogs.open(config), lake,
                new TableMaintenance(spark, policy, Clock.systemUTC())), policy,
                config.getMemory(AlluviumSettings.SPARK_HEAP).bytes(), new SkewChecks(spark, lake, DataDir.of(config)));
    }

    private static void sql(AlluviumConfig config, List<String> args, ChildProtocol out) {
        String flag = args.isEmpty() ? "" : args.get(0);
        if (flag.equals(AS_OF)) {
            if (args.size() < 3) {
                throw new BadInputException("usage: sql --as-of <snapshot-id|time> <statement>");
            }
            AsOf asOf = AsOf.parse(args.get(1));
            String statement = String.join(" ", args.subList(2, args.size()));
            withSpark(config, spark -> out.result(Json.write(new SqlCommand(spark).runAsOf(statement, asOf,
                    new TimeTravel(IcebergCatalogs.open(config), CatalogProperties.name(config))))));
            return;
        }
        boolean write = flag.equals(WRITE);
        String statement = String.join(" ", write ? args.subList(1, args.size()) : args);
        withSpark(config, spark -> out.result(Json.write(new SqlCommand(spark).run(statement, write))));
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
        if (verb.equals("rollback") && args.size() == 3) {
            TableId table = tableId(args.get(1));
            AsOf to = AsOf.parse(args.get(2));
            try (BatchLock lock = BatchLock.acquire(DataDir.of(config))) {
                return new TableVersions(IcebergCatalogs.open(config)).rollback(table, to);
            }
        }
        if (verb.equals("tag") && (args.size() == 3 || args.size() == 4)) {
            return new TableVersions(IcebergCatalogs.open(config)).tag(tableId(args.get(1)), args.get(2),
                    args.size() == 4 ? AsOf.parse(args.get(3)) : null);
        }
        throw new BadInputException("usage: " + TABLE_USAGE);
    }

    private static TableId tableId(String qualified) {
        try {
            return TableId.parse(qualified);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
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
