package io.alluvium.flink.run;

import io.alluvium.runtime.ChildProtocol;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every streaming run shares once its job is submitted: follow the job, polling the run's own
 * measure of progress, until that measure says the run is done or a stop is requested, then stop the job
 * with a final savepoint (stop-with-savepoint), which commits the last output and is where the next run
 * resumes ({@link RestorePoint}). A job that ends or fails by itself meanwhile ends the run with its cause;
 * a run left any other way cancels the job, which keeps its last checkpoint for the next run.
 */
public final class StreamingRun {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingRun.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    /** The run's progress, checked once per poll: reports it and says whether the run is done. */
    @FunctionalInterface
    public interface Progress {
        boolean done() throws Exception;
    }

    private StreamingRun() {
    }

    /**
     * Follows {@code job} (named {@code name} in messages) until {@code progress} is done or {@code stop} is
     * requested; returns the final savepoint's path, in {@code savepoints} (named with each stop: a session cluster
     * knows no savepoint directory of the job's settings).
     */
    public static String follow(JobClient job, String name, Path savepoints, Progress progress, StopRequest stop)
            throws Exception {
        CompletableFuture<JobExecutionResult> end = job.getJobExecutionResult();
        boolean stopping = false;
        try {
            while (true) {
                if (end.isDone()) {
                    end.get(); // a failed job throws its cause here
                    throw new IllegalStateException("the " + name + " job ended by itself (see the log file)");
                }
                if (progress.done() || stop.await(POLL)) {
                    break;
                }
            }
            stopping = true;
            LOG.info("Stopping {} job {} with a final savepoint", name, job.getJobID());
            String savepoint = stopWithSavepoint(job, end, savepoints);
            end.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("{} job {} stopped; savepoint {}", name, job.getJobID(), savepoint);
            return savepoint;
        } catch (ExecutionException e) {
            if (rootOf(e) instanceof ConnectException) {
                throw new ChildProtocol.ExplainedFailure("lost the Flink cluster's JobManager (" + rootCause(e)
                        + "); the " + name + " job's checkpoints are kept, and once the JobManager runs again "
                        + "(`alluvium up` starts the embedded one) the next run resumes from the last of them", e);
            }
            throw new IllegalStateException((stopping ? "stopping the " + name + " job failed: "
                    : "the " + name + " job failed: ") + rootCause(e), e);
        } finally {
            if (!end.isDone()) {
                job.cancel(); // keeps its last checkpoint: the next run resumes there
            }
        }
    }

    /**
     * Stops the job with a savepoint, asked again while Flink refuses because the job's tasks are still being
     * deployed (a stop requested right after the start): a savepoint needs every task running.
     */
    private static String stopWithSavepoint(JobClient job, CompletableFuture<JobExecutionResult> end,
            Path savepoints) throws Exception {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (true) {
            try {
                return job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (end.isDone() || System.nanoTime() > deadline || !tasksNotRunningYet(e)) {
                    throw e;
                }
                LOG.info("Savepoint of job {} refused while its tasks start; asking again", job.getJobID());
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static boolean tasksNotRunningYet(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CheckpointException checkpoint && checkpoint.getCheckpointFailureReason()
                    == CheckpointFailureReason.NOT_ALL_REQUIRED_TASKS_RUNNING) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable e) {
        Throwable t = rootOf(e);
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static Throwable rootOf(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
