package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the stream jobs run, from the settings: a MiniCluster of their own, the embedded cluster, or another. */
class FlinkClusterTest {

    @Test
    void byDefaultEachJobRunsItsOwnMiniCluster() {
        assertThat(FlinkCluster.of(AlluviumConfig.defaults())).isEmpty();
    }

    @Test
    void theEmbeddedClusterIsTheJobManagerOnItsPort() {
        FlinkCluster cluster = FlinkCluster.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.FLINK_CLUSTER_EMBEDDED, "true", AlluviumSettings.FLINK_CLUSTER_PORT, "18500"),
                "test")).orElseThrow();
        assertThat(cluster).isEqualTo(new FlinkCluster("127.0.0.1", 18500, true));
        assertThat(cluster.settingKey()).isEqualTo(AlluviumSettings.FLINK_CLUSTER_PORT);
    }

    @Test
    void aConfiguredClusterWinsOverTheEmbeddedOne() {
        FlinkCluster cluster = FlinkCluster.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.FLINK_CLUSTER_EMBEDDED, "true", AlluviumSettings.FLINK_CLUSTER, "jm.internal:8081"),
                "test")).orElseThrow();
        assertThat(cluster).isEqualTo(new FlinkCluster("jm.internal", 8081, false));
        assertThat(cluster.toString()).isEqualTo("jm.internal:8081");
        assertThat(cluster.settingKey()).isEqualTo(AlluviumSettings.FLINK_CLUSTER);
    }

    @Test
    void aClusterThatIsNotHostAndPortIsBadInputNamingTheSetting() {
        for (String bad : new String[] {"jm.internal", "jm.internal:", ":8081", "jm.internal:http", "jm:70000"}) {
            assertThatThrownBy(() -> AlluviumConfig.defaults().with(AlluviumSettings.FLINK_CLUSTER, bad))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("flink.cluster: expected empty or host:port");
        }
    }

    @Test
    void eachTaskManagerHasSlotsForEitherJobAloneAndAPortAfterTheJobManagers() {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.LANDING_PARALLELISM, "3",
                AlluviumSettings.REALTIME_PARALLELISM, "2", AlluviumSettings.FLINK_CLUSTER_RPC_PORT, "17000"), "test");
        assertThat(EmbeddedFlinkCluster.slotsPerTaskManager(config)).isEqualTo(3);
        assertThat(EmbeddedFlinkCluster.taskManagerRpcPort(config, 2)).isEqualTo(17002);
        assertThat(EmbeddedFlinkCluster.taskManagerHeap().jvmFlag()).isEqualTo("512m");
        assertThat(ServiceJvm.FLINK_TASKMANAGER.jvm(config, 2).name()).isEqualTo("flink-taskmanager-2");
        assertThat(ServiceJvm.FLINK_TASKMANAGER.jvm(config, 2).args()).containsExactly("2");
    }
}
