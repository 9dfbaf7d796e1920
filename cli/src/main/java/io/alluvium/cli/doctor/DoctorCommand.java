package io.alluvium.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.doctor.Finding;
import io.alluvium.doctor.Finding.Severity;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.serving.SpeedView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alluvium doctor [--fix] [--only AREA,...]}: what is unhealthy in the running platform — its tables, its
 * Kafka log, its realtime job, its cost traps — each finding with its numbers, the threshold it crossed, why it
 * matters and the command that fixes it; {@code --fix} applies the safe fixes (table maintenance) and looks again
 * (docs/doctor.md). Exits 1 while a finding at warning level or above remains, so that a scheduler can act.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Examine the platform: tables (small files, snapshots, metadata, manifests, orphan files,"
                + " driver memory), Kafka (partition balance, hot keys, consumer lag), the stream jobs (checkpoint"
                + " failures, duration and growth; too-late events) and cost traps (NAT gateway, S3 requests); each finding with its evidence, threshold,"
                + " why it matters and its fix.",
                "Exit code 0 when healthy, 1 while a warning remains."})
public final class DoctorCommand extends PlatformCommand {
    /** What the doctor examines; each area is one group of checks (docs/doctor.md). */
    enum Area {
        TABLES, KAFKA, STREAMING, COST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--fix", description = "Apply the safe fixes (alluvium maintain on each table with a finding),"
            + " then examine again.")
    boolean fix;

    @Option(names = "--only", split = ",", paramLabel = "AREA", description = "Examine only these areas:"
            + " ${COMPLETION-CANDIDATES} (default: all).")
    EnumSet<Area> only;

    @Override
    public Integer call() {
        AlluviumConfig config = config();
        Set<Area> areas = only == null || only.isEmpty() ? EnumSet.allOf(Area.class) : only;
        List<Finding> findings = new ArrayList<>();
        if (areas.contains(Area.KAFKA)) {
            console().step("examining the Kafka log");
            findings.addAll(kafka(config));
        }
        if (areas.contains(Area.STREAMING)) {
            console().step("examining the stream jobs' checkpoints and the realtime job's output");
            findings.addAll(streaming(config));
        }
        ObjectNode result = Console.JSON.createObjectNode();
        ArrayNode examined = result.putArray("areas");
        areas.forEach(a -> examined.add(a.toString()));
        if (areas.contains(Area.TABLES) || areas.contains(Area.COST)) {
            Preflight.requireCatalog(config);
            Preflight.requireSparkMaster(config);
            boolean fixing = fix && areas.contains(Area.TABLES);
            console().step((fixing ? "examining and fixing" : "examining") + " every table with Spark");
            JsonNode tables = EngineJobs.run(EngineJobs.batch(config, "doctor", fixing ? List.of("doctor", "--fix")
                    : List.of("doctor")), config);
            if (areas.contains(Area.TABLES)) {
                tables.path("findings").forEach(f -> findings.add(Console.JSON.convertValue(f, Finding.class)));
                result.put("tables", tables.path("tables").asInt());
                result.set("fixed", tables.path("fixed"));
            }
            if (areas.contains(Area.COST)) {
                findings.addAll(new CostChecks(config).check(tables.path("writes")));
            }
        }
        boolean healthy = findings.stream().noneMatch(f -> f.severity().unhealthy());
        ArrayNode found = result.putArray("findings");
        findings.forEach(f -> found.add(Console.JSON.valueToTree(f)));
        result.put("healthy", healthy);
        if (console().json()) {
            console().printJson(result);
        } else {
            show(result, findings);
        }
        // a finding at warning level or above is a check that did not hold
        return (healthy ? ExitCode.OK : ExitCode.FAILED).code();
    }

    private static List<Finding> kafka(AlluviumConfig config) {
        try {
            Preflight.requireKafka(config);
        } catch (UserError e) {
            return List.of(unreachable("kafka", e.getMessage()));
        }
        try (KafkaLog log = new KafkaLog(KafkaEndpoints.bootstrapServers(config))) {
            return new KafkaChecks(log).check();
        } catch (IllegalStateException e) {
            return List.of(unreachable("kafka", e.getMessage()));
        }
    }

    private static List<Finding> streaming(AlluviumConfig config) {
        StreamingChecks checks = new StreamingChecks(config);
        List<Finding> findings = new ArrayList<>(checks.checkpoints());
        try (SpeedView view = Preflight.speedView(config, 1)) {
            findings.addAll(checks.tooLate(view.counts()));
        } catch (UserError e) {
            findings.add(unreachable("serving-store", e.getMessage()));
        }
        return findings;
    }

    private static Finding unreachable(String service, String why) {
        return new Finding(Severity.WARNING, "unreachable", service, why, "the service answers",
                "the checks of this area could not run", "alluvium up (or fix the address in the settings)");
    }

    private void show(JsonNode result, List<Finding> findings) {
        for (JsonNode fixed : result.path("fixed")) {
            JsonNode maintained = fixed.path("maintained");
            console().info("fixed " + fixed.path("table").asText() + " (" + fixed.path("before").size()
                    + " finding(s)): data files " + maintained.at("/before/data_files").asLong() + " → "
                    + maintained.at("/after/data_files").asLong() + ", snapshots "
                    + maintained.at("/before/snapshots").asLong() + " → " + maintained.at("/after/snapshots").asLong()
                    + ", orphan files " + maintained.at("/before/orphan_files").asLong() + " → "
                    + maintained.at("/after/orphan_files").asLong());
        }
        if (findings.isEmpty()) {
            console().info("healthy: no finding in " + examined(result));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(List.of(f.severity().toString(), f.subject(), f.check(), f.fix()));
        }
        console().table(List.of("severity", "subject", "check", "fix"), rows);
        for (Finding f : findings) {
            console().info("- " + f.subject() + " " + f.check() + ": " + f.evidence() + " (threshold: " + f.threshold()
                    + ")");
            console().info("  why: " + f.why());
        }
        long unhealthy = findings.stream().filter(f -> f.severity().unhealthy()).count();
        console().info(unhealthy == 0 ? "healthy: only notes" : unhealthy + " finding(s) at warning level or above in "
                + examined(result) + (fix ? " remain after the fixes" : "; alluvium doctor --fix applies the table fixes"));
    }

    /** "tables (12), kafka": the areas examined, with the number of tables. */
    private static String examined(JsonNode result) {
        List<String> areas = new ArrayList<>();
        result.path("areas").forEach(a -> areas.add(a.asText().equals(Area.TABLES.toString())
                ? a.asText() + " (" + result.path("tables").asInt() + ")" : a.asText()));
        return String.join(", ", areas);
    }
}
