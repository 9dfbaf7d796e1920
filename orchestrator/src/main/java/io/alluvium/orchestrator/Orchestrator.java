package io.alluvium.orchestrator;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Longer than a queued first attempt waits for a free thread of a busy instance. */
    private static final Duration STRANDED_AFTER = Duration.ofMinutes(2);

    private final Pipeline pipeline;
    private final RunStore store;
    private final RunProgress progress;
    private final AttemptRunner runner;
    private final Scheduler scheduler;
    private final String name;
    private final Optional<PipelineInput> input;

    private Orchestrator(AlluviumConfig config, Pipeline pipeline, DataSource db,
                         Optional<com.github.kagkarlsson.scheduler.task.schedule.Schedule> every,
                         Optional<PipelineInput> input, Duration lookEvery) {
        this.pipeline = pipeline;
        this.input = input;
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
        List<RecurringTask<Void>> triggers = new ArrayList<>();
        boolean catchUp = config.getBoolean(AlluviumSettings.PIPELINE_CATCH_UP);
        Instant startedAt = Instant.now();
        every.ifPresent(schedule -> triggers.add(Tasks.recurring(scheduleTask(), schedule)
                .execute((instance, context) -> {
                    if (!catchUp && context.getExecution().executionTime.isBefore(startedAt)) {
                        // due before this instance started, and no other instance picked it: all were down then
                        LOG.info("schedule of {}: the run due at {} was missed while no scheduler instance was up; {}"
                                + " is false: skipped", pipeline.name(), context.getExecution().executionTime,
                                AlluviumSettings.PIPELINE_CATCH_UP);
                    } else {
                        startUnlessRunning("schedule");
                    }
                })));
        input.ifPresent(data -> triggers.add(Tasks.recurring("new-data-" + pipeline.name(), FixedDelay.of(lookEvery))
                .execute((instance, context) -> startOnNewInput())));
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
        return start(config, pipeline, Optional.empty(), Optional.empty(), Duration.ZERO);
    }

    /**
     * As {@link #start}, and this instance also starts runs by itself, as {@code triggers} say (at least one: else a
     * {@link BadInputException} naming the settings): at each time the schedule names, and when the data trigger
     * finds new input; neither while a run of the pipeline is running, so runs never stack. The schedule and the
     * data trigger are each one recurring execution in the database, so with several instances each firing starts
     * one run, on whichever instance picks it; a time missed while no instance was up starts one run when one is back,
     * unless {@code pipeline.catch-up} is false (docs/orchestration.md#triggers).
     */
    public static Orchestrator triggered(AlluviumConfig config, Pipeline pipeline, Triggers triggers)
            throws SQLException {
        triggers.required();
        return start(config, pipeline, triggers.schedule().cron().map(c -> triggers.schedule().required()),
                triggers.input(), triggers.lookEvery());
    }

    static Orchestrator start(AlluviumConfig config, Pipeline pipeline,
                              Optional<com.github.kagkarlsson.scheduler.task.schedule.Schedule> every,
                              Optional<PipelineInput> input, Duration lookEvery) throws SQLException {
        Orchestrator orchestrator = new Orchestrator(config, pipeline, OrchestratorDatabase.open(config), every, input,
                lookEvery);
        orchestrator.scheduler.start();
        return orchestrator;
    }

    private String scheduleTask() {
        return "schedule-" + pipeline.name();
    }

    /** The data trigger: a run when the input is there and is not what the last run started from. */
    private void startOnNewInput() {
        try {
            Optional<Long> running = store.running(pipeline.name());
            if (running.isPresent()) {
                requeueIfStranded(running.get());
                return;
            }
            Optional<String> now = look();
            if (now.isEmpty() || now.equals(store.lastInput(pipeline.name()))) {
                return;
            }
            startUnlessRunning("data", now);
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed while the data trigger looked for input", e);
        }
    }

    /** A run started by {@code trigger}, with the input as it is now, unless one of the pipeline is running. */
    private void startUnlessRunning(String trigger) {
        try {
            Optional<Long> running = store.running(pipeline.name());
            if (running.isPresent()) {
                requeueIfStranded(running.get());
            } else {
                startUnlessRunning(trigger, look());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed while the " + trigger + " started a run", e);
        }
    }

    private void startUnlessRunning(String trigger, Optional<String> input) throws SQLException {
        Optional<Long> started = store.createRunUnlessRunning(pipeline, trigger, input);
        if (started.isPresent()) {
            progress.start(started.get());
            LOG.info("{} of {}: started run {}{}", trigger, pipeline.name(), started.get(),
                    input.map(i -> " (input " + i + ")").orElse(""));
        } else {
            LOG.info("{} of {}: a run is still running, none started", trigger, pipeline.name());
        }
    }

    /**
     * Queues the first tasks of a run again when it has been running for {@link #STRANDED_AFTER} without a single
     * attempt: the instance that created it died before queuing them, and, since triggers start no run beside a
     * running one, it would otherwise block them for good. Safe to repeat: a task already queued is scheduled once.
     */
    private void requeueIfStranded(long runId) throws SQLException {
        Optional<Run> run = store.run(runId);
        if (run.isPresent() && run.get().createdAt().isBefore(Instant.now().minus(STRANDED_AFTER))
                && store.attempts(runId).isEmpty()) {
            LOG.warn("run {} of {} has had no attempt since {}: queuing its first tasks again", runId, pipeline.name(),
                    run.get().createdAt());
            progress.start(runId);
        }
    }

    /** The input as it is now; empty without a data trigger, or when looking failed (the reason is logged). */
    private Optional<String> look() {
        try {
            return input.map(PipelineInput::look).filter(i -> !i.isEmpty());
        } catch (RuntimeException e) {
            LOG.warn("could not look at the input of {}: {}", pipeline.name(), e.getMessage());
            return Optional.empty();
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
        long runId = store.createRun(pipeline, trigger, partition, Optional.empty());
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

    /** When the schedule starts its next run, if this instance follows one (and the schedule is not firing now). */
    public Optional<Instant> nextScheduled() {
        return scheduler.getScheduledExecutionsForTask(scheduleTask()).stream()
                .map(ScheduledExecution::getExecutionTime).min(Comparator.naturalOrder());
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
