package io.alluvium.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.cli.Main;
import io.alluvium.config.AlluviumConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shipped example file is exactly what the settings declare, and reads back to the defaults. */
class SettingsFileTest {
    @Test
    void exampleFileIsCurrent() throws IOException {
        Path example = Path.of(System.getProperty("alluvium.home", ".."), "alluvium.example.yaml");
        assertThat(Files.readString(example))
                .as("alluvium.example.yaml is stale: regenerate with ./alluvium settings --yaml > alluvium.example.yaml")
                .isEqualTo(SettingsCommand.yamlDocument());
    }

    @Test
    void theGeneratedYamlReadsBackToTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("alluvium.yaml");
        Files.writeString(file, SettingsCommand.yamlDocument());
        assertThat(AlluviumConfig.of(YamlSettingsFile.read(file)).describe())
                .isEqualTo(AlluviumConfig.defaults().describe());
    }

    @Test
    void settingsShowsDurationsAsTheyAreWrittenAndSetTakesThemBack(@TempDir Path dir) {
        StringWriter shown = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(shown, true));
        assertThat(cmd.execute("settings")).isZero();
        assertThat(shown.toString()).containsPattern("\\| landing.checkpoint-interval +\\| 5s +\\|")
                .containsPattern("\\| realtime.dedup-retention +\\| 168h +\\|").doesNotContain("PT");

        StringWriter effective = new StringWriter();
        StringWriter err = new StringWriter();
        cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(effective, true));
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("settings", "--effective", "--data-dir", dir.toString(),
                "--set", "realtime.watermark-delay=90s", "--set", "realtime.flush-interval=5s")).as(err.toString()).isZero();
        assertThat(effective.toString()).containsPattern("\\| realtime.watermark-delay +\\| 90s +\\|")
                .containsPattern("\\| realtime.flush-interval +\\| 5s +\\|");
    }
}
