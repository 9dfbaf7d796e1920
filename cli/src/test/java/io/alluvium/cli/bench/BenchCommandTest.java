package io.alluvium.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.cli.Main;
import io.alluvium.config.AlluviumSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input to {@code alluvium bench}: one clear message, exit code 2, nothing started or wiped. */
class BenchCommandTest {
    @TempDir
    Path dir;

    /** What one {@code alluvium bench ...} printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code alluvium bench <args>} in-process, as a user would type it. */
    static Result bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> command = new ArrayList<>(List.of("bench"));
        command.addAll(List.of(args));
        return new Result(cmd.execute(command.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void zeroEventsIsRejectedBeforeAnythingStarts() throws Exception {
        Path scratch = Files.createDirectories(dir.resolve(BenchPlatform.DIR));
        Path kept = Files.writeString(scratch.resolve("kept"), "x");
        Result r = bench("ingest", "--events", "0", "--data-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--events must be between 1 and 1000000000, got 0");
        assertThat(kept).exists();
    }

    @Test
    void aRealtimeLoadTooLargeToRenderAheadIsRejectedBeforeAnythingStarts() {
        Result r = bench("realtime", "--rate", "2000000", "--seconds", "3", "--data-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("would be 12,000,000 records, more than 10,000,000: lower --rate or --seconds");
        assertThat(dir.resolve(BenchPlatform.DIR)).doesNotExist();
    }

    @Test
    void anUnknownBenchIsNamedWithTheChoices() {
        Result r = bench("sideways", "--data-dir", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown bench \"sideways\" (expected ingest, landing, batch, pipeline, maintenance, skew, realtime, serving or all)");
    }

    @Test
    void aMissingOrBadFlagGivesTheUsageHint() {
        assertThat(bench().exitCode()).isEqualTo(2);
        Result r = bench("ingest", "--events", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Try 'alluvium bench --help'");
    }

    @Test
    void badSettingsAreRejected() {
        Result r = bench("ingest", "--data-dir", dir.toString(), "--set", AlluviumSettings.KAFKA_PORT + "=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("kafka.port");
    }

    @Test
    void aBenchWhoseModuleIsNotBuiltSaysWhatIsMissing(@TempDir Path unbuilt) {
        assertThat(EngineBench.LANDING.unavailable(unbuilt)).hasValueSatisfying(why -> assertThat(why)
                .contains("io.alluvium.flink.bench.LandingBenchMain is not in " + unbuilt.resolve("flink-bench"))
                .contains("mvn -B -DskipTests install -pl flink-bench"));
        assertThat(EngineBench.LANDING.unavailable()).as("built by this build").isEmpty();
    }

    @Test
    void helpSaysTheBenchDirectoryIsScratch() {
        Result r = bench("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("SCRATCH").contains("--calibration").contains("alternating rounds")
                .contains("medians");
    }
}
