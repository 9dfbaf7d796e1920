package io.alluvium.cli.tables;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium maintain}: Iceberg's own table maintenance (compaction, manifest rewrite, snapshot expiry,
 * orphan removal) run by Spark on the tables named or on all of them, printed per table as before → after
 * (docs/maintenance.md).
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Maintain Iceberg tables: compact small data files to maintenance.target-file-size, rewrite"
                + " manifests, expire snapshots older than maintenance.snapshot-max-age (keeping"
                + " maintenance.min-snapshots), remove orphan files older than maintenance.orphan-min-age.",
                "Prints per table, before → after: data files, average and small files, snapshots, manifests,"
                + " metadata and orphan bytes, seconds."})
public final class MaintainCommand extends PlatformCommand {
    private static final String ARROW = " → ";

    @Parameters(arity = "0..*", paramLabel = "TABLE", description = "layer.name, e.g. bronze.orders")
    List<String> tables = new ArrayList<>();

    @Option(names = "--all", description = "Every table of every layer.")
    boolean all;

    @Option(names = "--dry-run", description = "Only measure, and count the orphan files that would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (all == !tables.isEmpty()) {
            throw new UserError(all ? "--all and table names exclude each other"
                    : "name the tables to maintain (e.g. alluvium maintain bronze.orders), or --all");
        }
        List<String> args = new ArrayList<>(List.of("maintain"));
        if (dryRun) {
            args.add("--dry-run");
        }
        if (all) {
            args.add("--all");
        }
        for (String table : tables) {
            try {
                args.add(TableId.parse(table).toString());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        Preflight.requireSparkMaster(config);
        console().step((dryRun ? "measuring " : "maintaining ") + (all ? "every table" : String.join(", ", tables))
                + " with Spark");
        JsonNode result = EngineJobs.run(EngineJobs.batch(config, "maintain", args), config);
        if (console().json()) {
            console().printJson(result);
        } else {
            show(result);
        }
        return 0;
    }

    private void show(JsonNode result) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode table : result.path("tables")) {
            JsonNode before = table.path("before");
            JsonNode after = table.path("after");
            rows.add(List.of(table.path("table").asText(),
                    change(before, after, "data_files", MaintainCommand::count),
                    change(before, after, "average_file_bytes", MaintainCommand::bytes),
                    change(before, after, "small_files", MaintainCommand::count),
                    change(before, after, "snapshots", MaintainCommand::count),
                    change(before, after, "manifests", MaintainCommand::count),
                    change(before, after, "metadata_bytes", MaintainCommand::bytes),
                    change(before, after, "orphan_bytes", MaintainCommand::bytes),
                    String.format(Locale.ROOT, "%.1f", table.path("seconds").asDouble())));
        }
        if (rows.isEmpty()) {
            console().info("(no tables)");
            return;
        }
        console().table(List.of("table", "data files", "avg file", "small files", "snapshots", "manifests", "metadata",
                "orphans", "s"), rows);
        for (JsonNode table : result.path("tables")) {
            if (table.at("/done/manifests_left").asBoolean()) {
                console().info(table.path("table").asText() + ": manifests left as they were (writes committed meanwhile,"
                        + " each try); the next run rewrites them");
            }
            if (table.at("/done/failed_files").asLong() > 0) {
                console().info(table.path("table").asText() + ": " + table.at("/done/failed_files").asLong()
                        + " data files left uncompacted (writes committed meanwhile); the next run compacts them");
            }
        }
        if (result.path("dry_run").asBoolean()) {
            console().info("dry run: nothing was changed; the values are as the tables are now");
        }
    }

    private interface Format {
        String of(long value);
    }

    /** {@code before → after}, or the value alone when it did not change. */
    private static String change(JsonNode before, JsonNode after, String field, Format format) {
        long from = before.path(field).asLong();
        long to = after.path(field).asLong();
        return from == to ? format.of(from) : format.of(from) + ARROW + format.of(to);
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String bytes(long value) {
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", value / (1024.0 * 1024));
    }
}
