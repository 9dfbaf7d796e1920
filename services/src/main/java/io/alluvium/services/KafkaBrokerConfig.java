package io.alluvium.services;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of the embedded single-node KRaft broker: one process that is both broker and
 * controller, listening on 127.0.0.1 only, with every internal topic sized for one node (replication
 * factor 1, min ISR 1) so that consumer groups and transactions work without a cluster.
 */
record KafkaBrokerConfig(Path logDir, int port, int controllerPort, int partitions) {

    /** Few partitions for the internal topics: they are created on first use, and 50 each is slow on 2 cores. */
    private static final String INTERNAL_TOPIC_PARTITIONS = "10";

    String bootstrapServers() {
        return LocalPort.HOST + ":" + port;
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + LocalPort.HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + LocalPort.HOST + ":"
                + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }
}
