package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the batch jobs run, from the settings: local in their own JVM, the embedded cluster, or another master. */
class SparkMasterTest {

    @Test
    void byDefaultTheJobsRunLocally() {
        SparkMaster master = SparkMaster.of(AlluviumConfig.defaults());
        assertThat(master).isEqualTo(new SparkMaster("local[2]", false));
        assertThat(master.cluster()).isFalse();
        assertThat(master.standalone()).isEmpty();
    }

    @Test
    void theEmbeddedClusterTakesTheJobsFromALocalMaster() {
        SparkMaster master = SparkMaster.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.SPARK_CLUSTER_EMBEDDED, "true", AlluviumSettings.SPARK_CLUSTER_PORT, "17500"), "test"));
        assertThat(master).isEqualTo(new SparkMaster("spark://127.0.0.1:17500", true));
        assertThat(master.cluster()).isTrue();
        assertThat(master.standalone()).contains(URI.create("spark://127.0.0.1:17500"));
        assertThat(master.settingKey()).isEqualTo(AlluviumSettings.SPARK_CLUSTER_PORT);
    }

    @Test
    void aConfiguredClusterWinsOverTheEmbeddedOne() {
        SparkMaster master = SparkMaster.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.SPARK_CLUSTER_EMBEDDED, "true", AlluviumSettings.SPARK_MASTER, "yarn"), "test"));
        assertThat(master).isEqualTo(new SparkMaster("yarn", false));
        assertThat(master.cluster()).isTrue();
        assertThat(master.standalone()).isEmpty();
        assertThat(master.settingKey()).isEqualTo(AlluviumSettings.SPARK_MASTER);
    }

    @Test
    void eachWorkerHasPortsAfterTheMastersAndASparkHomeOfItsOwn(@TempDir Path dataDir) {
        AlluviumConfig config = AlluviumConfig.defaults().with(Map.of(AlluviumSettings.DATA_DIR, dataDir.toString(),
                AlluviumSettings.SPARK_CLUSTER_PORT, "17000", AlluviumSettings.SPARK_CLUSTER_UI_PORT, "18000"), "test");
        assertThat(EmbeddedSparkCluster.workerPort(config, 2)).isEqualTo(17002);
        assertThat(EmbeddedSparkCluster.workerWebUiPort(config, 2)).isEqualTo(18002);
        ChildJvm worker = ServiceJvm.SPARK_WORKER.jvm(config, 2);
        assertThat(worker.name()).isEqualTo("spark-worker-2");
        assertThat(worker.args()).containsExactly("2");
        assertThat(worker.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SPARK_HOME", dataDir.resolve("spark").resolve("worker-2").toString(), "SPARK_SCALA_VERSION", "2.13"));
        assertThat(ServiceJvm.SPARK_MASTER.jvm(config).environment()).isEmpty();
        assertThat(ServiceJvm.SPARK_WORKER.instanceNumber(new String[] {"2"})).isEqualTo(2);
        assertThatThrownBy(() -> ServiceJvm.SPARK_WORKER.instanceNumber(new String[] {"0"}))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessage("usage: WorkerMain <settings> <number from 1>");
    }
}
