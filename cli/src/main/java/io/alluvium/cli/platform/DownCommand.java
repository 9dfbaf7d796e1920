package io.alluvium.cli.platform;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.config.AlluviumConfig;
import picocli.CommandLine.Command;

/** {@code alluvium down}: stops the embedded services cleanly. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the embedded services.")
public final class DownCommand extends PlatformCommand {
    @Override
    public Integer call() {
        AlluviumConfig config = config();
        Platform platform = new Platform(config);
        platform.down(console());
        RunningProfile.clear(config);
        return StatusCommand.print(platform, console());
    }
}
