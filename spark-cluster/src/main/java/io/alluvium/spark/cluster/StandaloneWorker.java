package io.alluvium.spark.cluster;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedService;
import io.alluvium.runtime.EmbeddedSparkCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * One worker of the cluster: Spark's own {@link Worker}, started in this JVM instead of by Spark's scripts, with one
 * core and {@code spark.executor-memory} to offer. It launches each executor as a JVM of its own from its Spark home
 * ({@link SparkHome}), and is ready once the master lists it alive, so that a job started right after
 * {@code alluvium up} finds every worker.
 */
final class StandaloneWorker implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneWorker.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);

    private final AlluviumConfig config;
    private final int n;
    private RpcEnv rpc;

    StandaloneWorker(AlluviumConfig config, int n) {
        this.config = config;
        this.n = n;
    }

    @Override
    public String start() throws Exception {
        SparkHome home = SparkHome.prepare(EmbeddedSparkCluster.workerHome(DataDir.of(config), n),
                System.getProperty("java.class.path"));
        int port = EmbeddedSparkCluster.workerPort(config, n);
        int memoryMb = (int) (config.getMemory(AlluviumSettings.SPARK_EXECUTOR_MEMORY).bytes() >> 20);
        rpc = Worker.startRpcEnvAndEndpoint(EmbeddedSparkCluster.HOST, port,
                EmbeddedSparkCluster.workerWebUiPort(config, n), EmbeddedSparkCluster.WORKER_CORES, memoryMb,
                new String[] {EmbeddedSparkCluster.masterUrl(config)}, home.work().toString(), Option.empty(),
                DaemonConfiguration.worker(config), Option.empty());
        new RegisteredWorkers(EmbeddedSparkCluster.masterWebUi(config))
                .await(EmbeddedSparkCluster.HOST, port, REGISTRATION_TIMEOUT);
        String address = EmbeddedSparkCluster.HOST + ":" + port;
        LOG.info("Spark worker {} at {} registered with the master at {}", n, address,
                EmbeddedSparkCluster.masterUrl(config));
        return address;
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
