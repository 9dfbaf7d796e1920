package io.alluvium.spark.cluster;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.EmbeddedService;
import io.alluvium.runtime.EmbeddedSparkCluster;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's master: Spark's own {@link Master}, started in this JVM instead of by Spark's scripts. It is ready
 * once it listens for workers and jobs and its web UI answers (Spark binds both before it returns).
 */
final class StandaloneMaster implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneMaster.class);

    private final AlluviumConfig config;
    private RpcEnv rpc;

    StandaloneMaster(AlluviumConfig config) {
        this.config = config;
    }

    @Override
    public String start() {
        rpc = Master.startRpcEnvAndEndpoint(EmbeddedSparkCluster.HOST,
                config.getInt(AlluviumSettings.SPARK_CLUSTER_PORT), config.getInt(AlluviumSettings.SPARK_CLUSTER_UI_PORT),
                DaemonConfiguration.master(config))._1();
        LOG.info("Spark master ready at {}, web UI at {}", EmbeddedSparkCluster.masterUrl(config),
                EmbeddedSparkCluster.masterWebUi(config));
        return EmbeddedSparkCluster.masterUrl(config);
    }

    @Override
    public void awaitStopped() {
        rpc.awaitTermination();
    }

    @Override
    public synchronized void close() {
        if (rpc != null) {
            rpc.shutdown();
        }
    }
}
