package io.alluvium.orchestrator;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.VoidExecutionHandler;
import io.alluvium.runtime.DataDir;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scheduler does with an execution db-scheduler hands it: records the attempt as started (or finds how it
 * ended, when the execution is replayed), runs the task's action within its timeout, records the outcome, and lets
 * {@link RunProgress} decide what follows. A database error is thrown to db-scheduler, which keeps the execution and
 * tries it again later; every step before it is safe to repeat.
 */
final class AttemptExecution implements VoidExecutionHandler<AttemptKey> {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptExecution.class);

    private final Pipeline pipeline;
    private final RunStore store;
    private final RunProgress progress;
    private final AttemptRunner runner;
    private final DataDir dataDir;
    private final String scheduler;

    AttemptExecution(Pipeline pipeline, RunStore store, RunProgress progress, AttemptRunner runner, DataDir dataDir,
                     String scheduler) {
        this.pipeline = pipeline;
        this.store = store;
        this.progress = progress;
        this.runner = runner;
        this.dataDir = dataDir;
        this.scheduler = scheduler;
    }

    @Override
    public void execute(TaskInstance<AttemptKey> instance, ExecutionContext context) {
        AttemptKey key = instance.getData();
        try {
            Task task = pipeline.task(key.task());
            Path logFile = dataDir.log(key.processName());
            Optional<Outcome> recorded = store.begin(key, scheduler, logFile);
            Outcome outcome;
            if (recorded.isPresent()) {
                outcome = recorded.get();
                LOG.info("{}: recorded before as {}; going on from there", key.instanceId(), outcome);
            } else {
                Optional<LocalDate> partition = task.partitioned()
                        ? store.run(key.runId()).flatMap(Run::partition) : Optional.empty();
                LOG.info("{}: starting on {}", key.instanceId(), scheduler);
                outcome = runner.run(task, new AttemptContext(key.runId(), key.task(), key.attempt(), partition,
                        key.processName(), logFile));
                store.finish(key, outcome);
                LOG.info("{}: {}", key.instanceId(), outcome.succeeded() ? "succeeded" : "failed: " + outcome.error());
            }
            progress.after(key, outcome);
        } catch (SQLException e) {
            throw new IllegalStateException(key.instanceId() + ": the catalog database failed", e);
        }
    }
}
