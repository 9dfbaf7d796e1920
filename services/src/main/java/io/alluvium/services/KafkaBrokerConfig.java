package io.alluvium.services;

import io.alluvium.runtime.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of one node of the embedded KRaft Kafka ({@link EmbeddedKafka}): one process that is both
 * broker and controller, listening on 127.0.0.1 only, a voter of the quorum of every node, with every internal
 * topic replicated as the platform's topics are (replication factor 1 and min ISR 1 on a single node) so that
 * consumer groups and transactions work on one node as on three.
 */
record KafkaBrokerConfig(Path logDir, EmbeddedKafka cluster, EmbeddedKafka.Node node, int partitions) {

    /** Few partitions for the internal topics: they are created on first use, and 50 each is slow on 2 cores. */
    private static final String INTERNAL_TOPIC_PARTITIONS = "10";

    /** This node's client address. */
    String bootstrapServers() {
        return node.address();
    }

    Properties toProperties() {
        String replicas = Short.toString(cluster.replicationFactor());
        String minIsr = Integer.toString(cluster.minInsyncReplicas());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node.id()));
        p.setProperty("controller.quorum.voters", cluster.quorumVoters());
        p.setProperty("listeners", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + EmbeddedKafka.HOST + ":"
                + node.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minIsr);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minIsr);
        p.setProperty("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
