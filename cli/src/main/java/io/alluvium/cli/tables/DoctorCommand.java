package io.alluvium.cli.tables;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ExitCode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alluvium doctor [--fix]}: what is unhealthy in the platform's tables, each finding with its numbers, the
 * threshold it crossed, why it matters and the command that fixes it; {@code --fix} applies those fixes and looks
 * again (docs/doctor.md). Exits 1 while a finding at warning level or above remains, so that a scheduler can act.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Examine every table: small files, snapshots past retention, metadata outgrowing the data,"
                + " manifests, orphan files; each finding with its evidence, threshold, why it matters and its fix.",
                "Exit code 0 when healthy, 1 while a warning remains."})
public final class DoctorCommand extends PlatformCommand {
    @Option(names = "--fix", description = "Apply the fixes (alluvium maintain on each table with a finding), then"
            + " examine again.")
    boolean fix;

    @Override
    public Integer call() {
        AlluviumConfig config = config();
        Preflight.requireCatalog(config);
        console().step((fix ? "examining and fixing" : "examining") + " every table with Spark");
        JsonNode result = EngineJobs.run(EngineJobs.batch(config, "doctor", fix ? List.of("doctor", "--fix")
                : List.of("doctor")), config);
        if (console().json()) {
            console().printJson(result);
        } else {
            show(result);
        }
        // a finding at warning level or above is a check that did not hold
        return (result.path("healthy").asBoolean() ? ExitCode.OK : ExitCode.FAILED).code();
    }

    private void show(JsonNode result) {
        for (JsonNode fixed : result.path("fixed")) {
            JsonNode maintained = fixed.path("maintained");
            console().info("fixed " + fixed.path("table").asText() + " (" + fixed.path("before").size()
                    + " finding(s)): data files " + maintained.at("/before/data_files").asLong() + " → "
                    + maintained.at("/after/data_files").asLong() + ", snapshots "
                    + maintained.at("/before/snapshots").asLong() + " → " + maintained.at("/after/snapshots").asLong()
                    + ", orphan files " + maintained.at("/before/orphan_files").asLong() + " → "
                    + maintained.at("/after/orphan_files").asLong());
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode f : result.path("findings")) {
            rows.add(List.of(f.path("severity").asText(), f.path("subject").asText(), f.path("check").asText(),
                    f.path("fix").asText()));
        }
        int tables = result.path("tables").asInt();
        if (rows.isEmpty()) {
            console().info("healthy: no finding in " + tables + " table(s)");
            return;
        }
        console().table(List.of("severity", "table", "check", "fix"), rows);
        for (JsonNode f : result.path("findings")) {
            console().info("- " + f.path("subject").asText() + " " + f.path("check").asText() + ": "
                    + f.path("evidence").asText() + " (threshold: " + f.path("threshold").asText() + ")");
            console().info("  why: " + f.path("why").asText());
        }
        console().info(result.path("healthy").asBoolean() ? "healthy: only notes" : rows.size() + " finding(s) in "
                + tables + " table(s)" + (fix ? " remain after the fixes" : "; alluvium doctor --fix applies the fixes"));
    }
}
