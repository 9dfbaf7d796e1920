package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.StageClock;
import io.alluvium.cli.platform.EmbeddedService;
import io.alluvium.cli.platform.Platform;
import io.alluvium.cli.platform.RunningProfile;
import io.alluvium.cli.platform.StopAtExit;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.FlinkCluster;
import io.alluvium.runtime.SparkMaster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alluvium demo}: the platform end to end on embedded engines — start the services, generate
 * events into Kafka, land them in Bronze with Flink, build Silver/Quarantine/Gold with Spark, run the
 * realtime Flink job into the serving store, and prove invariants 1 and 2 per topic and 3 (serving store =
 * Gold). Every job runs until caught up with the same topics, so both views cover the same events. Exit 0
 * only when every check holds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the platform end to end on embedded engines (batch: Kafka → Bronze → Silver → Gold;"
                + " realtime: Kafka → serving store) and reconcile every layer: invariants 1, 2 and 3.")
public final class DemoCommand extends PlatformCommand {

    @Option(names = "--events", paramLabel = "N",
            description = "Events to generate across the three topics (default: generator.events, 30000).")
    Long events;

    @Option(names = "--keep-running", description = "Leave the services running afterwards (stop with `alluvium down`).")
    boolean keepRunning;

    @Override
    public Integer call() {
        AlluviumConfig config = config();
        if (events != null) {
            config = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events));
        }
        Console console = console();
        Platform platform = new Platform(config);
        StageClock clock = new StageClock();
        List<EmbeddedService> started = platform.up(console);
        StopAtExit stopAtExit = StopAtExit.of(() -> {
            if (!keepRunning) {
                platform.down(started, console);
            }
        });
        Map<String, Long> memory = new LinkedHashMap<>();
        clock.lap("services");
        try {
            console.step("generating " + config.getLong(AlluviumSettings.GENERATOR_EVENTS) + " events into Kafka");
            JsonNode generated = Generation.run(config);
            clock.lap("generate");

            console.step("landing Kafka → Bronze with Flink" + FlinkCluster.where(config)
                    + " (exactly-once, until caught up)");
            EngineJobs.Finished landing = EngineJobs.runMeasured(EngineJobs.landing(config, true), config);
            JsonNode landed = landing.result();
            memory.put("landing (Flink)", landing.peakRssBytes());
            clock.lap("landing");

            console.step("building Silver, Quarantine and Gold with Spark" + SparkMaster.where(config));
            EngineJobs.Finished batch = EngineJobs.runMeasured(EngineJobs.batch(config, "batch", List.of("all")), config);
            JsonNode built = batch.result();
            memory.put("batch (Spark)", batch.peakRssBytes());
            clock.lap("batch");

            console.step("realtime views → serving store with Flink" + FlinkCluster.where(config)
                    + " (city sales and funnels, user features, fraud alerts; until caught up)");
            EngineJobs.Finished realtime = EngineJobs.runMeasured(EngineJobs.realtime(config, true), config);
            memory.put("realtime (Flink)", realtime.peakRssBytes());
            clock.lap("realtime");

            console.step("reconciling every layer");
            Reconciliation reconciliation = Reconciliation.measure(config, "reconcile");
            JsonNode counted = reconciliation.tables();
            clock.lap("reconcile");
            started.forEach(service -> memory.put(service.name(), platform.peakRss(service)));

            if (console.json()) {
                ObjectNode doc = Console.JSON.createObjectNode();
                doc.put("ok", reconciliation.allHold());
                doc.set("generated", generated);
                doc.set("landing", landed);
                doc.set("batch", built);
                doc.set("realtime", realtime.result());
                doc.set("tables", counted);
                doc.set("reconciliation", Console.JSON.valueToTree(reconciliation.checks()));
                doc.set("seconds", Console.JSON.valueToTree(clock.laps()));
                doc.set("peak_rss_bytes", Console.JSON.valueToTree(memory));
                console.printJson(doc);
            } else {
                console.info("\nReconciliation (invariants 1, 2 and 3 of docs/architecture.md):");
                reconciliation.print(console);
                GoldSample.print(counted, console);
                console.info("\nTimings (s): " + clock);
                console.info("Peak memory (RSS): " + MemoryReport.describe(memory));
                console.info(reconciliation.allHold()
                        ? "All invariants hold."
                        : "INVARIANT VIOLATED: see the rows marked NO above.");
            }
            return reconciliation.allHold() ? ExitCode.OK.code() : ExitCode.FAILED.code();
        } finally {
            stopAtExit.close();
            if (keepRunning) {
                RunningProfile.record(config);
            } else {
                platform.down(started, console);
            }
        }
    }
}
