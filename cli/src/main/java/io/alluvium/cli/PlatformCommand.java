package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command that acts on a platform shares: its settings, {@code --json}, and the console. */
abstract class PlatformCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    private Console console;

    Console console() {
        if (console == null) {
            console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        }
        return console;
    }

    AlluviumConfig config() {
        return settings.load();
    }
}
