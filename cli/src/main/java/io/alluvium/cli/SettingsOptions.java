package io.alluvium.cli;

import io.alluvium.cli.platform.RunningProfile;
import io.alluvium.cli.settings.YamlSettingsFile;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef.RawValue;
import io.alluvium.runtime.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares to find its settings: the YAML file, then {@code --set} overrides.
 * Loading validates everything before anything starts, and points the CLI's own log at the data dir.
 */
final class SettingsOptions {
    static final String DEFAULT_FILE = "alluvium.yaml";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (default: ./alluvium.yaml when it exists; every key has a default).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set generator.events=100000 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Shortcut for --set data.dir=DIR.")
    Path dataDir;

    @Option(names = "--cluster", description = "Shortcut for --set cluster.enabled=true: the platform as a "
            + "multi-process cluster on this machine (implied while one started so is up).")
    boolean cluster;

    AlluviumConfig load() {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        Path file = configFile != null ? configFile : Path.of(DEFAULT_FILE);
        if (configFile != null || Files.isRegularFile(file)) {
            raw.putAll(YamlSettingsFile.read(file));
        }
        overrides.forEach((k, v) -> raw.put(k, new RawValue(v, "--set")));
        if (dataDir != null) {
            raw.put(AlluviumSettings.DATA_DIR, new RawValue(dataDir.toString(), "--data-dir"));
        }
        if (cluster) {
            raw.put(AlluviumSettings.CLUSTER_ENABLED, new RawValue("true", "--cluster"));
        }
        AlluviumConfig config = AlluviumConfig.of(raw);
        if (!raw.containsKey(AlluviumSettings.CLUSTER_ENABLED) && RunningProfile.clusterRunning(config)) {
            raw.put(AlluviumSettings.CLUSTER_ENABLED, new RawValue("true", "the running cluster of "
                    + DataDir.of(config).clusterProfile()));
            config = AlluviumConfig.of(raw);
        }
        DataDir dir = DataDir.of(config).create();
        System.setProperty("alluvium.log.file", dir.log("cli").toString());
        return config;
    }
}
