package io.alluvium.flink.cluster;

import io.alluvium.runtime.EmbeddedService;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TaskManager of the session cluster: Flink's own {@link TaskManagerRunner}, started in this JVM instead of
 * by Flink's scripts. It is ready once the JobManager lists it among its TaskManagers, so that a job submitted
 * right after {@code alluvium up} finds every slot.
 */
final class TaskManager implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Configuration flink;
    private TaskManagerRunner runner;

    TaskManager(Configuration flink) {
        this.flink = flink;
    }

    @Override
    public String start() throws Exception {
        PluginManager plugins = PluginUtils.createPluginManagerFromRootFolder(flink);
        FileSystem.initialize(flink, plugins);
        runner = new TaskManagerRunner(flink, plugins, TaskManagerRunner::createTaskExecutorService);
        runner.start();
        String id = flink.get(TaskManagerOptions.TASK_MANAGER_RESOURCE_ID);
        String jobManager = flink.get(RestOptions.ADDRESS) + ":" + flink.get(RestOptions.PORT);
        new RegisteredTaskManagers(jobManager).await(id, REGISTRATION_TIMEOUT);
        String address = flink.get(TaskManagerOptions.HOST) + ":" + flink.get(TaskManagerOptions.RPC_PORT);
        LOG.info("Flink TaskManager {} at {} registered with the JobManager at {}", id, address, jobManager);
        return address;
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        try {
            runner.getTerminationFuture().get();
        } catch (ExecutionException e) {
            LOG.warn("the TaskManager stopped with an error", e.getCause());
        }
    }

    @Override
    public void close() {
        if (runner == null) {
            return;
        }
        try {
            runner.closeAsync().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("stopping the TaskManager: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
