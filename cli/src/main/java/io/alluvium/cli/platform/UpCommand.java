package io.alluvium.cli.platform;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.config.AlluviumConfig;
import picocli.CommandLine.Command;

/** {@code alluvium up}: starts the embedded services and leaves them running. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded services (Kafka broker or kafka.nodes nodes, catalog PostgreSQL, serving store "
                + "redis-server; the object store, the Flink session cluster and the Spark standalone cluster when "
                + "enabled) on 127.0.0.1; with --cluster, the multi-process cluster of docs/deploy.md, which the "
                + "following commands then use until `down`.")
public final class UpCommand extends PlatformCommand {
    @Override
    public Integer call() {
        AlluviumConfig config = config();
        Platform platform = new Platform(config);
        platform.up(console());
        RunningProfile.record(config);
        return StatusCommand.print(platform, console());
    }
}
