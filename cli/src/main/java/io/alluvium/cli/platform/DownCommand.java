package io.alluvium.cli.platform;

import io.alluvium.cli.PlatformCommand;
import picocli.CommandLine.Command;

/** {@code alluvium down}: stops the embedded services cleanly. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the embedded services.")
public final class DownCommand extends PlatformCommand {
    @Override
    public Integer call() {
        Platform platform = new Platform(config());
        platform.down(console());
        return StatusCommand.print(platform, console());
    }
}
