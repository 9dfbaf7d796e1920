package io.alluvium.cli.platform;

import io.alluvium.cli.Console;
import io.alluvium.cli.PlatformCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code alluvium status}: what runs, with pids and ports, and how to log in with psql or redis-cli (where the
 * password is, never the password); a crashed service is called crashed. The Flink cluster's processes add their
 * health as the JobManager sees it (TaskManagers registered, slots free), the Spark cluster's as the master sees it
 * (workers alive, cores free), the nodes of a Kafka cluster ({@code kafka.nodes}) their role and health as the
 * cluster sees it (registered, replicas in sync).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the embedded services: state (and, for the Flink and Spark clusters' processes and the "
                + "Kafka cluster's nodes, role and health), pid, "
                + "port, login (where its password is). Exit 1 if one has crashed.")
public final class StatusCommand extends PlatformCommand {
    @Override
    public Integer call() {
        return print(new Platform(config()), console());
    }

    static int print(Platform platform, Console console) {
        List<Platform.ServiceState> rows = platform.status();
        if (console.json()) {
            console.printJson(Map.of("data_dir", platform.dataDirDescription(), "services", rows));
        } else {
            console.table(List.of("service", "state", "pid", "address", "login"), rows.stream()
                    .map(s -> List.of(s.name(), s.health() == null ? s.state() : s.state() + ": " + s.health(),
                            s.pid() == null ? "-" : s.pid().toString(), "127.0.0.1:" + s.port(), s.login()))
                    .toList());
        }
        return rows.stream().anyMatch(s -> s.state().equals("crashed")) ? 1 : 0;
    }
}
