package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.SparkMaster;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium batch silver|gold|all|publish}: the Spark builds of Silver, Quarantine and Gold, and the
 * publication of Gold into the serving store as the batch view (flink-jobs/REALTIME.md, *Batch view*), which a Gold
 * build also does at its end.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Build Silver + Quarantine from new Bronze snapshots, then Gold (incremental, idempotent), then"
                + " publish gold.city_hourly_sales into the serving store as the batch view.",
            "publish: publish the batch view only (the current Gold snapshot; nothing changes when it is the one"
                + " published)."})
public final class BatchCommand extends PlatformCommand {
    private static final Pattern DAY_RANGE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2}");

    /** What to build. */
    enum Stage { silver, gold, all, publish }

    @Parameters(index = "0", paramLabel = "STAGE",
            description = "What to build: ${COMPLETION-CANDIDATES} (publish builds nothing: it publishes the current Gold).")
    Stage stage;

    @Option(names = "--backfill", paramLabel = "FROM..TO",
            description = "Rebuild these event days (e.g. 2026-11-01..2026-11-03), replacing them.")
    String backfill;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of(stage.name()));
        if (backfill != null) {
            if (stage == Stage.publish) {
                throw new UserError("--backfill rebuilds Gold days; publish builds nothing: use 'batch gold --backfill"
                        + " FROM..TO', which publishes at its end");
            }
            if (!DAY_RANGE.matcher(backfill).matches()) {
                throw new UserError("--backfill expects FROM..TO as ISO dates, e.g. 2026-11-01..2026-11-03; got \""
                        + backfill + "\"");
            }
            args.add("--backfill");
            args.add(backfill);
        }
        AlluviumConfig config = config();
        if (stage == Stage.publish) {
            Preflight.requireServingStoreAccess(config);
        }
        Preflight.requireCatalog(config);
        Preflight.requireSparkMaster(config);
        console().step((stage == Stage.publish ? "publishing the batch view" : "building " + stage) + " with Spark"
                + SparkMaster.where(config));
        JsonNode result = EngineJobs.run(EngineJobs.batch(config, "batch", args), config);
        if (console().json() || !(result instanceof ObjectNode shown)) {
            ResultViews.show(result, console());
            return 0;
        }
        // the task times of every Spark stage are for --json and the doctor, not for the console
        JsonNode stages = shown.get("stages");
        ObjectNode summary = shown.deepCopy();
        summary.remove("stages");
        ResultViews.show(summary, console());
        if (stages != null && stages.size() > 0) {
            JsonNode slowest = null;
            for (JsonNode s : stages) {
                if (slowest == null || s.path("max_over_median").asDouble() > slowest.path("max_over_median").asDouble()) {
                    slowest = s;
                }
            }
            console().info("stages: " + stages.size() + " recorded (task times in --json and for alluvium doctor);"
                    + " most uneven: " + slowest.path("name").asText() + ", slowest task "
                    + slowest.path("max_over_median").asText() + "x the median");
        }
        return 0;
    }
}
