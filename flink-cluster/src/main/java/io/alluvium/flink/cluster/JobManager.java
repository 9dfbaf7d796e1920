package io.alluvium.flink.cluster;

import io.alluvium.runtime.EmbeddedService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session cluster's JobManager: Flink's own standalone session entrypoint, started in this JVM instead of by
 * Flink's scripts. It is ready once its REST API answers (the entrypoint starts it before it returns).
 */
final class JobManager implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Configuration flink;
    private final StandaloneSessionClusterEntrypoint entrypoint;

    JobManager(Configuration flink) {
        this.flink = flink;
        this.entrypoint = new StandaloneSessionClusterEntrypoint(flink);
    }

    @Override
    public String start() throws Exception {
        entrypoint.startCluster();
        String rest = "http://" + flink.get(RestOptions.ADDRESS) + ":" + flink.get(RestOptions.PORT);
        LOG.info("Flink JobManager ready: REST API and web UI at {}", rest);
        return rest;
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        try {
            entrypoint.getTerminationFuture().get();
        } catch (ExecutionException e) {
            LOG.warn("the JobManager stopped with an error", e.getCause());
        }
    }

    @Override
    public void close() {
        try {
            entrypoint.closeAsync().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopping the JobManager: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
