package io.alluvium.orchestrator;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler instance of a pipeline: db-scheduler on the catalog's PostgreSQL, whose one-time task runs the
 * pipeline's task attempts. Any number of instances, in any processes, may run on one database: db-scheduler lets
 * exactly one pick each attempt and hands an attempt on when its scheduler stops heartbeating; what runs next is
 * decided by {@link RunProgress} from the {@link RunStore} (docs/orchestration.md). Connects as the catalog's role,
 * never as a superuser.
 */
public final class Orchestrator implements AutoCloseable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    private final Pipeline pipeline;
    private final RunStore store;
    private final RunProgress progress;
    private final AttemptRunner runner;
    private final Scheduler scheduler;
    private final String name;

    private Orchestrator(AlluviumConfig config, Pipeline pipeline, DataSource db,
                         Optional<com.github.kagkarlsson.scheduler.task.schedule.Schedule> every) {
        this.pipeline = pipeline;
        this.store = new RunStore(db);
        this.runner = new AttemptRunner();
        this.name = instanceName();
        AtomicReference<SchedulerClient> client = new AtomicReference<>();
        AtomicReference<OneTimeTask<AttemptKey>> attempts = new AtomicReference<>();
        this.progress = new RunProgress(pipeline, store, (attempt, at) ->
                client.get().scheduleIfNotExists(attempts.get().instance(attempt.instanceId(), attempt), at));
        attempts.set(Tasks.oneTime("pipeline-" + pipeline.name(), AttemptKey.class)
                .execute(new AttemptExecution(pipeline, store, progress, runner,
                        DataDir.of(config).create(), name)));
        List<RecurringTask<Void>> triggers = every.map(schedule -> List.of(Tasks.recurring(
                "schedule-" + pipeline.name(), schedule).execute((instance, context) -> triggerScheduled())))
                .orElse(List.of());
        this.scheduler = Scheduler.create(db, attempts.get())
                .startTasks(triggers)
                .tableName(OrchestratorSchema.EXECUTIONS)
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(config.getDuration(AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL))
                .heartbeatInterval(config.getDuration(AlluviumSettings.ORCHESTRATOR_HEARTBEAT_INTERVAL))
                .threads(config.getInt(AlluviumSettings.ORCHESTRATOR_THREADS))
                .enableImmediateExecution()
                .build();
        client.set(scheduler);
    }

    /**
     * Connects to the catalog database, creates the orchestrator's tables if missing and starts this scheduler
     * instance, which from then on runs the due attempts of {@code pipeline}'s runs, whoever triggered them.
     */
    public static Orchestrator start(AlluviumConfig config, Pipeline pipeline) throws SQLException {
        return start(config, pipeline, Optional.empty());
    }

    /**
     * As {@link #start}, and this instance also starts a run at each time {@code schedule} names, unless a run of the
     * pipeline is still running then: a schedule never stacks runs. The schedule is one recurring execution in the
     * database, so with several instances each time starts one run, on whichever instance picks it; an instance that
     * was down when it was due starts one run when it is back, not one per time missed
     * (docs/orchestration.md#pipeline-scheduler).
     */
    public static Orchestrator scheduled(AlluviumConfig config, Pipeline pipeline, Schedule schedule)
            throws SQLException {
        return start(config, pipeline, Optional.of(schedule.required()));
    }

    static Orchestrator start(AlluviumConfig config, Pipeline pipeline,
                              Optional<com.github.kagkarlsson.scheduler.task.schedule.Schedule> every)
            throws SQLException {
        Orchestrator orchestrator = new Orchestrator(config, pipeline, OrchestratorDatabase.open(config), every);
        orchestrator.scheduler.start();
        return orchestrator;
    }

    /** A run started by the schedule, unless one of the pipeline is still running. */
    private void triggerScheduled() {
        try {
            Optional<Long> running = store.running(pipeline.name());
            if (running.isPresent()) {
                LOG.info("schedule of {}: run {} is still running, no run started", pipeline.name(), running.get());
                return;
            }
            LOG.info("schedule of {}: started run {}", pipeline.name(), trigger("schedule", Optional.empty()));
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed while the schedule started a run", e);
        }
    }

    /** {@code <host>/<pid>/<n>}: names the scheduler that ran each attempt. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + INSTANCES.incrementAndGet();
    }

    /** Starts a run of the pipeline, its tasks working on {@code partition} where partitioned; returns its id. */
    public long trigger(String trigger, Optional<LocalDate> partition) throws SQLException {
        long runId = store.createRun(pipeline, trigger, partition);
        progress.start(runId);
        return runId;
    }

    /**
     * Runs {@code task} of the ended run {@code runId} again, with the tasks downstream of it that were skipped (they
     * never ran) or, with {@code downstream}, every task downstream of it, each as soon as its upstream tasks have
     * succeeded (a downstream task that also waits on another task that did not succeed stays as it is). The run is
     * running again until they end. Returns the tasks cleared, in pipeline order
     * (docs/orchestration.md#pipeline-clear).
     */
    public List<String> clear(long runId, String task, boolean downstream) throws SQLException {
        Task cleared = pipeline.task(task);
        store.run(runId).filter(r -> r.pipeline().equals(pipeline.name())).orElseThrow(() -> new BadInputException(
                "no run " + runId + " of pipeline " + pipeline.name() + " (alluvium pipeline status lists them)"));
        Map<String, TaskState> states = new HashMap<>();
        store.tasks(runId).forEach(t -> states.put(t.task(), t.state()));
        for (String upstream : cleared.upstream()) {
            if (states.get(upstream) != TaskState.SUCCEEDED) {
                throw new BadInputException("task " + task + " of run " + runId + " cannot run again: its upstream task "
                        + upstream + " " + states.get(upstream).sql() + "; clear " + upstream + " with --downstream");
            }
        }
        Set<String> names = new HashSet<>(List.of(task));
        for (Task t : pipeline.allDownstream(task)) {
            boolean ready = t.upstream().stream()
                    .allMatch(u -> names.contains(u) || states.get(u) == TaskState.SUCCEEDED);
            if (ready && (downstream || states.get(t.name()) == TaskState.SKIPPED)) {
                names.add(t.name());
            }
        }
        List<Task> tasks = pipeline.tasks().stream().filter(t -> names.contains(t.name())).toList();
        store.clear(runId, tasks);
        progress.restart(runId, tasks);
        return tasks.stream().map(Task::name).toList();
    }

    /** The runs, tasks and attempts recorded in the catalog database. */
    public RunStore runs() {
        return store;
    }

    /** This instance's name, as recorded with each attempt it runs. */
    public String name() {
        return name;
    }

    /** Stops this instance: it picks no more attempts, and waits for the ones it runs. */
    @Override
    public void close() {
        scheduler.stop();
        runner.close();
    }
}
