package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./alluvium} launcher run as a user runs it, a process of its own: its exit codes (0 done, 2 bad
 * input) and that a mistake is one line on standard error, not a stack trace.
 */
class LauncherTest {
    @TempDir
    static Path dataDir;

    /** What one run of the launcher printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void markTheBuildDone() throws IOException {
        // this build has just compiled every module: the launcher is to run the CLI, not Maven again
        Path stamp = ChildJvm.home().resolve("target/alluvium.built");
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, "");
    }

    @Test
    void helpExitsZero() throws Exception {
        Run help = launch("--help");
        assertThat(help.exitCode()).as(help.err()).isEqualTo(ExitCode.OK.code());
        assertThat(help.out()).contains("Usage: alluvium").contains("demo");
    }

    @Test
    void anUnknownCommandIsBadInputInOneLine() throws Exception {
        Run run = launch("lnad");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).startsWith("error: ").contains("lnad").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aBadSettingIsBadInputNamingIt() throws Exception {
        Run run = launch("status", "--data-dir", dataDir.toString(), "--set", "kafka.port=1");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).contains("kafka.port").doesNotContain("\tat ");
    }

    @Test
    void statusOfAPlatformNeverStartedExitsZero() throws Exception {
        Run run = launch("status", "--data-dir", dataDir.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK.code());
        assertThat(run.out()).contains("\"services\"");
    }

    @Test
    void aPlatformNotStartedIsBadInputNamingTheWayOut() throws Exception {
        Run run = launch("reconcile", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.err()).startsWith("error: ").contains("alluvium up").doesNotContain("\tat ");
    }

    private static Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.home().resolve("alluvium").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "out", ".txt");
        Path err = Files.createTempFile(dataDir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(ChildJvm.home().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the launcher ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
