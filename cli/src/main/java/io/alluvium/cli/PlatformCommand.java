package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command that acts on a platform shares: its settings, {@code --json}, {@code --wide}, and the console. */
public abstract class PlatformCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Spec
    public CommandSpec spec;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @Option(names = "--wide", description = "Print tables whole, however wide (by default they fit "
            + Console.WIDTH + " characters, long cells cut).")
    boolean wide;

    private Console console;

    protected Console console() {
        if (console == null) {
            console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), json, wide);
        }
        return console;
    }

    protected AlluviumConfig config() {
        return settings.load();
    }
}
