package io.alluvium.flink.run;

import io.alluvium.runtime.FlinkCluster;
import io.alluvium.runtime.JobJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.RemoteStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink settings that make a streaming job exactly-once and restartable, shared by the landing and the
 * realtime job: aligned EXACTLY_ONCE checkpoints at the job's interval (each one commits the job's output),
 * kept on disk when the job is cancelled or fails, resumed from a given snapshot (which the run then owns and
 * later cleans up), a fixed job id, and a bounded restart strategy: without it Flink retries a failing job
 * forever and says nothing. Every checkpoint is recorded in the state directory ({@link CheckpointHistory}). The
 * MiniCluster binds to 127.0.0.1 only. A job adds settings of its own:
 * the realtime job its state backend, the landing bench a trace reporter that watches the job.
 *
 * <p>With a session cluster ({@link FlinkCluster}), the job is not run in this JVM but submitted to the cluster's
 * REST API with the {@link JobJar}, with the same job settings (docs/deploy.md#flink-on-a-session-cluster); the
 * cluster's own settings (slots, addresses, trace reporters) are the cluster's, so the checkpoint history is not
 * recorded there.
 */
public final class JobEnvironment {
    private static final int RESTART_ATTEMPTS = 3;
    private static final Duration RESTART_DELAY = Duration.ofSeconds(3);
    /**
     * On a session cluster a TaskManager that died is known to be gone only once it has missed its heartbeats (10 s
     * on the embedded cluster); until then a restart may be deployed to its slots again and fail at once. Restarts
     * this far apart outlast that, so the job restarts on the TaskManagers left (seen failing with 3 s).
     */
    private static final Duration CLUSTER_RESTART_DELAY = Duration.ofSeconds(12);
    /** The largest request or answer the REST client takes: more than the job jar's size. */
    private static final int MAX_JAR_BYTES = 512 << 20;
    /** Attempts of a request to the cluster's REST API, 3 s apart (Flink's default delay). */
    private static final int REST_RETRIES = 5;

    private JobEnvironment() {
    }

    /**
     * @param cluster            the session cluster to submit the job to; empty runs it in a MiniCluster here
     * @param parallelism        the job's parallelism (and the MiniCluster's task slots)
     * @param checkpointInterval how often a checkpoint is taken, i.e. how often the job's output is committed
     * @param jobSettings        Flink settings of the job itself (state backend, reporters); may be empty
     */
    public static StreamExecutionEnvironment create(Optional<FlinkCluster> cluster, Path stateDir, JobID jobId,
            Optional<RestorePoint> resume, int parallelism, Duration checkpointInterval, Configuration jobSettings) {
        Configuration flink = new Configuration();
        flink.addAll(jobSettings);
        flink.addAll(CheckpointHistory.settings(stateDir));
        flink.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);

        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, stateDir.toUri().toString());
        flink.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, RestorePoint.savepoints(stateDir).toUri().toString());
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);

        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTART_ATTEMPTS);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                cluster.isPresent() ? CLUSTER_RESTART_DELAY : RESTART_DELAY);

        // The source makes a new row per record and nothing downstream keeps or changes one: chained
        // operators may hand it on as it is instead of copying it for each of the three routes.
        flink.set(PipelineOptions.OBJECT_REUSE, true);

        flink.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId.toHexString());
        resume.ifPresent(point -> {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, point.path().toUri().toString());
            flink.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        });

        flink.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        flink.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        flink.set(TaskManagerOptions.HOST, "127.0.0.1");
        flink.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(RestOptions.BIND_PORT, "0");
        if (cluster.isEmpty()) {
            return StreamExecutionEnvironment.getExecutionEnvironment(flink);
        }
        flink.set(RestOptions.CLIENT_MAX_CONTENT_LENGTH, MAX_JAR_BYTES);
        // a JobManager that refuses connections for 15 s is gone (its run with it), not busy: say so then, not after
        // the minute of Flink's default retries
        flink.set(RestOptions.RETRY_MAX_ATTEMPTS, REST_RETRIES);
        // given explicitly: the remote environment otherwise replaces the restore settings with none
        return new RemoteStreamEnvironment(cluster.get().host(), cluster.get().port(), flink,
                new String[] {JobJar.FLINK.path().toString()}, null, SavepointRestoreSettings.fromConfiguration(flink));
    }
}
