package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @Test
    void oneNodeIsTheSingleBrokerOfOld() {
        AlluviumConfig config = AlluviumConfig.defaults().with(AlluviumSettings.DATA_DIR, "/data");
        EmbeddedKafka kafka = EmbeddedKafka.of(config);
        assertThat(kafka.single()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:19092").isEqualTo(KafkaEndpoints.bootstrapServers(config));
        assertThat(kafka.quorumVoters()).isEqualTo("1@127.0.0.1:19093");
        assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(1);
        assertThat(kafka.jvm(config, kafka.node(1))).isEqualTo(ServiceJvm.KAFKA_BROKER.jvm(config));
        assertThat(kafka.home(DataDir.of(config), kafka.node(1))).isEqualTo(Path.of("/data/kafka"));
    }

    @Test
    void threeNodesTakeTwoPortsEachFromTheConfiguredOnes() {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.DATA_DIR, "/data",
                AlluviumSettings.KAFKA_NODES, "3"), "test");
        EmbeddedKafka kafka = EmbeddedKafka.of(config);
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19094,127.0.0.1:19096")
                .isEqualTo(KafkaEndpoints.bootstrapServers(config));
        assertThat(kafka.quorumVoters()).isEqualTo("1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097");
        assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
        assertThat(kafka.minInsyncReplicas()).isEqualTo(2);
        assertThat(kafka.processName(kafka.node(2))).isEqualTo("kafka-broker-2");
        assertThat(kafka.jvm(config, kafka.node(2)).args()).containsExactly("2");
        assertThat(kafka.home(DataDir.of(config), kafka.node(3))).isEqualTo(Path.of("/data/kafka/node-3"));
    }

    @Test
    void aDataDirectoryOfTheOtherShapeIsNamed(@TempDir Path root) throws Exception {
        DataDir dataDir = new DataDir(root);
        Files.createDirectories(dataDir.kafka().resolve("log"));
        AlluviumConfig config = AlluviumConfig.defaults().with(AlluviumSettings.DATA_DIR, root.toString());
        EmbeddedKafka.of(config).requireSameShape(dataDir);
        EmbeddedKafka three = EmbeddedKafka.of(config.with(AlluviumSettings.KAFKA_NODES, "3"));
        assertThatThrownBy(() -> three.requireSameShape(dataDir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.nodes: the data directory holds the Kafka log of a single broker");
    }

    @Test
    void twoNodesAreNoQuorumAndCollidingPortsAreNamed() {
        assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.KAFKA_NODES, "2"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("1, or a whole number between 3 and 9");
        AlluviumConfig colliding = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.KAFKA_NODES, "3",
                AlluviumSettings.KAFKA_CONTROLLER_PORT, "19094"), "test");
        assertThatThrownBy(() -> EmbeddedKafka.of(colliding)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.nodes: two of the 3 nodes' ports are 19094");
        AlluviumConfig pastTheRange = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.KAFKA_NODES, "3",
                AlluviumSettings.KAFKA_PORT, "65533"), "test");
        assertThatThrownBy(() -> EmbeddedKafka.of(pastTheRange)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("kafka.nodes: node 3 would listen on port 65537, past 65535");
    }
}
