package io.alluvium.services;

import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.EmbeddedKafka;
import io.alluvium.runtime.ServiceRunner;

/**
 * Child JVM main of the embedded Kafka broker ({@code alluvium up}), or of node n of several
 * ({@code kafka.nodes}; its argument is n, from 1): ready line with its address once topics exist, then serves
 * until SIGTERM.
 */
public final class KafkaBrokerMain {
    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, nodeArgs, out) -> {
            EmbeddedKafka cluster = EmbeddedKafka.of(config);
            int nodeId = nodeId(nodeArgs, cluster);
            ServiceRunner.runUntilTerminated(cluster.processName(cluster.node(nodeId)),
                    EmbeddedKafkaBroker.of(config, nodeId), out);
        });
    }

    /** No argument is the single broker, node 1. */
    private static int nodeId(String[] args, EmbeddedKafka cluster) {
        try {
            if (args.length == 0 && cluster.single()) {
                return 1;
            }
            if (args.length == 1 && Integer.parseInt(args[0]) >= 1
                    && Integer.parseInt(args[0]) <= cluster.nodes().size()) {
                return Integer.parseInt(args[0]);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ChildProtocol.BadInputException("usage: KafkaBrokerMain <settings> [<node from 1 to "
                + cluster.nodes().size() + ">]");
    }
}
