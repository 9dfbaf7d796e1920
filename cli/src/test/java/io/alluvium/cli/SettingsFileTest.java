package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
