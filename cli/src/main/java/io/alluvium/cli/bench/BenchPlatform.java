package io.alluvium.cli.bench;

import io.alluvium.cli.Console;
import io.alluvium.cli.platform.Platform;
import io.alluvium.cli.platform.StopAtExit;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The platform a bench runs on: services of its own on the data directory {@code <data.dir>/bench},
 * which is scratch — wiped at the start, so that every bench begins with empty topics and tables and no
 * earlier run skews it — and its services stopped when the bench ends, however it ends (also by Ctrl-C). Services left
 * running by an interrupted bench are stopped before the wipe. The generator sends as fast as the broker
 * takes records ({@code generator.rate} 0).
 */
final class BenchPlatform implements AutoCloseable {
    static final String DIR = "bench";

    private final AlluviumConfig config;
    private final Platform platform;
    private final Console console;
    private final StopAtExit stopAtExit;

    private BenchPlatform(AlluviumConfig config, Console console) {
        this.config = config;
        this.console = console;
        this.platform = new Platform(config);
        this.stopAtExit = StopAtExit.of(() -> platform.down(console));
    }

    /** The scratch platform, with the services {@code bench} needs. */
    static BenchPlatform start(AlluviumConfig userConfig, Console console, Bench bench) {
        AlluviumConfig config = scratchConfig(userConfig);
        Path root = DataDir.of(config).root();
        if (Files.exists(root)) {
            new Platform(config).down(console);
            wipe(root);
        }
        BenchPlatform platform = new BenchPlatform(config, console);
        boolean up = false;
        try {
            platform.platform.up(console, bench::needs);
            up = true;
        } finally {
            if (!up) {
                platform.close();
            }
        }
        return platform;
    }

    static AlluviumConfig scratchConfig(AlluviumConfig userConfig) {
        return userConfig.with(AlluviumSettings.DATA_DIR, DataDir.of(userConfig).root().resolve(DIR).toString())
                .with(AlluviumSettings.GENERATOR_RATE, "0");
    }

    AlluviumConfig config() {
        return config;
    }

    /** Stops every service of the scratch directory: all of them were started for the bench. */
    @Override
    public void close() {
        stopAtExit.close();
        platform.down(console);
    }

    private static void wipe(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe the bench's scratch directory " + root + ": " + e.getMessage(), e);
        }
    }
}
