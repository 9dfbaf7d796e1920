package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shape of the embedded Kafka that {@code alluvium up} starts (docs/deploy.md#kafka-on-three-nodes):
 * {@code kafka.nodes} combined broker and controller KRaft nodes on 127.0.0.1, each a JVM of its own, one cluster
 * with one controller quorum of all of them. Derived here, once, for the CLI that starts and probes the nodes, the
 * nodes themselves and every client: their ports, storage, process names, the bootstrap servers and the
 * replication the topics get. One node is the single broker of old, unchanged: process {@code kafka-broker},
 * storage {@code <data.dir>/kafka}, replication factor 1.
 *
 * @param nodes every node, node {@code n} at index {@code n - 1}
 */
public record EmbeddedKafka(List<Node> nodes) {
    public static final String HOST = "127.0.0.1";

    /** What each node is: broker and controller in one process, as status shows it. */
    public static final String ROLE = "broker+controller";

    /**
     * One node: its id ({@code node.id}, from 1), its client port and its controller quorum port.
     */
    public record Node(int id, int port, int controllerPort) {
        public String address() {
            return HOST + ":" + port;
        }
    }

    public EmbeddedKafka {
        nodes = List.copyOf(nodes);
    }

    /**
     * The nodes of the settings. Node {@code n} listens on {@code kafka.port + 2(n - 1)} for clients and on
     * {@code kafka.controller-port + 2(n - 1)} for the quorum: with the defaults, 19092, 19094, 19096 and 19093,
     * 19095, 19097.
     *
     * @throws ConfigException when those ports leave the port range or two of them are the same
     */
    public static EmbeddedKafka of(AlluviumConfig config) {
        int count = config.getInt(AlluviumSettings.KAFKA_NODES);
        List<Node> nodes = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            int offset = 2 * (n - 1);
            nodes.add(new Node(n, config.getInt(AlluviumSettings.KAFKA_PORT) + offset,
                    config.getInt(AlluviumSettings.KAFKA_CONTROLLER_PORT) + offset));
        }
        EmbeddedKafka kafka = new EmbeddedKafka(nodes);
        kafka.requireDistinctPorts();
        return kafka;
    }

    private void requireDistinctPorts() {
        String layout = "node n listens on " + AlluviumSettings.KAFKA_PORT + " + 2(n-1) for clients and "
                + AlluviumSettings.KAFKA_CONTROLLER_PORT + " + 2(n-1) for the quorum";
        Set<Integer> seen = new HashSet<>();
        for (Node node : nodes) {
            for (int port : List.of(node.port(), node.controllerPort())) {
                if (port > 65535) {
                    throw new ConfigException(AlluviumSettings.KAFKA_NODES, "", "node " + node.id()
                            + " would listen on port " + port + ", past 65535 (" + layout + "): lower those ports");
                }
                if (!seen.add(port)) {
                    throw new ConfigException(AlluviumSettings.KAFKA_NODES, "", "two of the " + nodes.size()
                            + " nodes' ports are " + port + " (" + layout + "): set " + AlluviumSettings.KAFKA_CONTROLLER_PORT
                            + " to " + AlluviumSettings.KAFKA_PORT + " + 1, or at least " + 2 * nodes.size()
                            + " away from it");
                }
            }
        }
    }

    /**
     * The data directory's Kafka storage, if any, is of this shape: a single broker's log and a cluster's nodes are
     * different clusters, and the generator's reports of one would be reconciled against the other's topics.
     *
     * @throws ConfigException naming what the data directory holds
     */
    public void requireSameShape(DataDir dataDir) {
        Path other = single() ? dataDir.kafka().resolve("node-1") : dataDir.kafka().resolve("log");
        if (Files.exists(other)) {
            throw new ConfigException(AlluviumSettings.KAFKA_NODES, "", "the data directory holds the Kafka log of "
                    + (single() ? "a cluster of nodes" : "a single broker") + " (" + other + "), not of "
                    + nodes.size() + (single() ? " broker" : " nodes") + ": set " + AlluviumSettings.KAFKA_NODES
                    + " as it ran, or use a new " + AlluviumSettings.DATA_DIR);
        }
    }

    public boolean single() {
        return nodes.size() == 1;
    }

    public Node node(int id) {
        return nodes.get(id - 1);
    }

    /** Every node's client address: what producers, consumers and the Flink jobs bootstrap from. */
    public String bootstrapServers() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    /** {@code controller.quorum.voters}: every node votes. */
    public String quorumVoters() {
        return nodes.stream().map(n -> n.id() + "@" + HOST + ":" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** Replicas of every topic, the internal ones included: three where there are three nodes or more. */
    public short replicationFactor() {
        return (short) Math.min(3, nodes.size());
    }

    /**
     * {@code min.insync.replicas}: 2 on three nodes or more, so that an acknowledged record (acks=all) is on two
     * nodes and survives the loss of either, while writes go on with one node down.
     */
    public int minInsyncReplicas() {
        return nodes.size() >= 3 ? 2 : 1;
    }

    /** The child JVM of {@code node}: the single {@code kafka-broker}, or {@code kafka-broker-<n>} of several. */
    public ChildJvm jvm(AlluviumConfig config, Node node) {
        return single() ? ServiceJvm.KAFKA_BROKER.jvm(config) : ServiceJvm.KAFKA_BROKER.jvm(config, node.id());
    }

    /** The process name of {@code node}, for its pid, log and settings files. */
    public String processName(Node node) {
        return single() ? ServiceJvm.KAFKA_BROKER.processName() : ServiceJvm.KAFKA_BROKER.processName(node.id());
    }

    /** Where {@code node} keeps its storage: {@code <data.dir>/kafka}, or {@code <data.dir>/kafka/node-<n>}. */
    public Path home(DataDir dataDir, Node node) {
        return single() ? dataDir.kafka() : dataDir.kafka().resolve("node-" + node.id());
    }
}
