package io.alluvium.cli.platform;

import io.alluvium.cli.PlatformCommand;
import picocli.CommandLine.Command;

/** {@code alluvium up}: starts the embedded services and leaves them running. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded services (Kafka broker, catalog PostgreSQL, serving store redis-server; the "
                + "object store, the Flink session cluster and the Spark standalone cluster when enabled) on 127.0.0.1.")
public final class UpCommand extends PlatformCommand {
    @Override
    public Integer call() {
        Platform platform = new Platform(config());
        platform.up(console());
        return StatusCommand.print(platform, console());
    }
}
