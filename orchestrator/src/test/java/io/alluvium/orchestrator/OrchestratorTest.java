package io.alluvium.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator on the real catalog PostgreSQL, started as {@code alluvium up} starts it (a child JVM of the
 * services module), connecting as the catalog's role.
 */
class OrchestratorTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;
    /** The settings of every scheduler instance of the tests, this JVM's and the killed process's. */
    private static Map<String, String> settings;
    private static AlluviumConfig config;
    private static ServiceProcess database;
    private final List<Orchestrator> started = new ArrayList<>();

    @BeforeAll
    static void startCatalogDatabase() {
        settings = Map.of(
                AlluviumSettings.DATA_DIR, dataDir.toString(),
                AlluviumSettings.CATALOG_POSTGRES_PORT, Integer.toString(freePort()),
                AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL, "200ms",
                AlluviumSettings.ORCHESTRATOR_HEARTBEAT_INTERVAL, "1s");
        config = AlluviumConfig.defaults().with(settings, "test");
        database = ServiceJvm.CATALOG_DATABASE.process(DataDir.of(config).create());
        database.start(ServiceJvm.CATALOG_DATABASE.jvm(config), config, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopCatalogDatabase() {
        database.stop(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopOrchestrators() {
        started.forEach(Orchestrator::close);
    }

    private Orchestrator orchestrator(Pipeline pipeline) throws Exception {
        Orchestrator o = Orchestrator.start(config, pipeline);
        started.add(o);
        return o;
    }

    private static Run awaitEnd(Orchestrator o, long runId) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> o.runs().run(runId).orElseThrow().state() != RunState.RUNNING);
        try {
            return o.runs().run(runId).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTaskThatFailsTwiceIsRetriedAfterAGrowingBackoffAndTheRunSucceeds() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        Pipeline pipeline = Pipeline.of("flaky", List.of(
                Task.of("silver", attempt -> { }),
                Task.of("gold", attempt -> {
                    if (tries.incrementAndGet() <= 2) {
                        throw new IllegalStateException("Spark lost its executor (try " + tries.get() + ")");
                    }
                }).after("silver").retry(RetryPolicy.exponential(3, Duration.ofSeconds(1)))));
        Orchestrator o = orchestrator(pipeline);

        long runId = o.trigger("manual", Optional.empty());
        Run run = awaitEnd(o, runId);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.reason()).isNull();
        List<Attempt> gold = o.runs().attempts(runId).stream().filter(a -> a.task().equals("gold")).toList();
        assertThat(gold).extracting(Attempt::attempt, Attempt::state).containsExactly(
                tuple(1, AttemptState.FAILED),
                tuple(2, AttemptState.FAILED),
                tuple(3, AttemptState.SUCCEEDED));
        assertThat(gold.get(0).error()).isEqualTo("Spark lost its executor (try 1)");
        assertThat(gap(gold.get(0), gold.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(gap(gold.get(1), gold.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(gold).allSatisfy(a -> {
            assertThat(a.scheduler()).isEqualTo(o.name());
            assertThat(Path.of(a.logFile())).isEqualTo(
                    dataDir.resolve("logs/pipeline-run-" + runId + "-gold-" + a.attempt() + ".log"));
        });
        assertThat(o.runs().tasks(runId)).extracting(TaskRun::task, TaskRun::state, TaskRun::attempts).containsExactly(
                tuple("silver", TaskState.SUCCEEDED, 1),
                tuple("gold", TaskState.SUCCEEDED, 3));
    }

    private static Duration gap(Attempt failed, Attempt next) {
        return Duration.between(failed.finishedAt().orElseThrow(), next.startedAt());
    }

    @Test
    void aTaskFailingEveryAttemptFailsTheRunAndSkipsItsDownstreamWithTheReason() throws Exception {
        Pipeline pipeline = Pipeline.of("broken", List.of(
                Task.of("silver", attempt -> { }),
                Task.of("gold", attempt -> {
                    throw new IllegalStateException("audit failed: gold 73.50, silver 20.00");
                }).after("silver").retry(RetryPolicy.exponential(2, Duration.ofMillis(200))),
                Task.of("publish", attempt -> { }).after("gold"),
                Task.of("quality", attempt -> { }).after("gold"),
                Task.of("maintain", attempt -> { }).after("publish", "quality")));
        Orchestrator o = orchestrator(pipeline);

        long runId = o.trigger("manual", Optional.empty());
        Run run = awaitEnd(o, runId);

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        assertThat(run.reason()).isEqualTo("task gold failed after 2 attempts: audit failed: gold 73.50, silver 20.00");
        assertThat(o.runs().tasks(runId)).extracting(TaskRun::task, TaskRun::state, TaskRun::reason).containsExactly(
                tuple("silver", TaskState.SUCCEEDED, null),
                tuple("gold", TaskState.FAILED,
                        "failed after 2 attempts: audit failed: gold 73.50, silver 20.00"),
                tuple("publish", TaskState.SKIPPED, "upstream task gold failed"),
                tuple("quality", TaskState.SKIPPED, "upstream task gold failed"),
                tuple("maintain", TaskState.SKIPPED, "upstream task gold failed"));
        assertThat(o.runs().attempts(runId)).extracting(Attempt::task).containsExactly("silver", "gold", "gold");
    }

    /**
     * A scheduler process killed (kill -9) while it runs an attempt: another instance on the same database takes the
     * run over once the dead one's heartbeats stop, records the killed attempt as abandoned, runs the next attempt and
     * the rest of the run. The next attempt starts only after the first one's process is dead, and the run is not lost.
     */
    @Test
    void aSchedulerKilledMidAttemptIsTakenOverByAnotherAndTheRunSucceeds() throws Exception {
        Path markers = Files.createDirectories(dataDir.resolve("failover-markers"));
        Path output = dataDir.resolve("scheduler-process.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), SchedulerProcess.class.getName(),
                markers.toString()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        Process killed = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path first = FailoverPipeline.marker(markers, "slow", 1);
        try {
            await().atMost(RUN_TIMEOUT).until(() -> Files.exists(first) && !Files.readString(first).isEmpty());
        } finally {
            killed.destroyForcibly().waitFor();
        }
        Instant killedAt = Instant.now();
        assertThat(Files.readString(first)).as("attempt 1 ran in the killed process").isEqualTo(
                Long.toString(killed.pid()));
        Matcher started = Pattern.compile("run (\\d+) scheduler (\\S+)").matcher(Files.readString(output));
        assertThat(started.find()).as(Files.readString(output)).isTrue();
        long runId = Long.parseLong(started.group(1));

        Orchestrator o = orchestrator(FailoverPipeline.of(markers));
        Run run = awaitEnd(o, runId);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        List<Attempt> attempts = o.runs().attempts(runId);
        assertThat(attempts).extracting(Attempt::task, Attempt::attempt, Attempt::state, Attempt::scheduler)
                .containsExactly(tuple("slow", 1, AttemptState.FAILED, started.group(2)),
                        tuple("slow", 2, AttemptState.SUCCEEDED, o.name()),
                        tuple("after", 1, AttemptState.SUCCEEDED, o.name()));
        assertThat(attempts.get(0).error()).isEqualTo("abandoned: scheduler " + started.group(2)
                + " stopped heartbeating while the attempt ran");
        assertThat(attempts.get(1).startedAt()).as("attempt 2 starts after attempt 1's process died")
                .isAfter(killedAt);
        String here = Long.toString(ProcessHandle.current().pid());
        assertThat(FailoverPipeline.marker(markers, "slow", 2)).hasContent(here);
        assertThat(FailoverPipeline.marker(markers, "after", 1)).hasContent(here);
    }

    /**
     * A scheduled instance starts runs by itself, each once the one before has ended: the schedule fires every half
     * second while a run lasts a second and a half, and the times it fires during a run start nothing.
     */
    @Test
    void aScheduleStartsRunsByItselfNeverOneBesideAnother() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Pipeline pipeline = Pipeline.of("scheduled", List.of(Task.of("silver", attempt -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(1500);
            running.decrementAndGet();
        })));
        Orchestrator o = Orchestrator.start(config, pipeline, Optional.of(Schedules.fixedDelay(Duration.ofMillis(500))),
                Optional.empty(), Duration.ZERO);
        started.add(o);

        await().atMost(RUN_TIMEOUT).until(() -> o.runs().latest("scheduled", 10).stream()
                .filter(r -> r.state() == RunState.SUCCEEDED).count() >= 3);

        List<Run> ended = o.runs().latest("scheduled", 10).stream().filter(r -> r.finishedAt().isPresent())
                .sorted(Comparator.comparingLong(Run::id)).toList();
        assertThat(ended).allSatisfy(r -> {
            assertThat(r.trigger()).isEqualTo("schedule");
            assertThat(r.state()).isEqualTo(RunState.SUCCEEDED);
        });
        for (int i = 1; i < ended.size(); i++) {
            assertThat(ended.get(i).createdAt()).as("run %d starts after run %d ended", ended.get(i).id(),
                    ended.get(i - 1).id()).isAfterOrEqualTo(ended.get(i - 1).finishedAt().orElseThrow());
        }
        assertThat(mostAtOnce).hasValue(1);
    }

    /** Without a schedule or a data trigger nothing would start a run: one line naming both settings. */
    @Test
    void aTriggeredInstanceNeedsATrigger() {
        assertThatThrownBy(() -> Orchestrator.triggered(config, Pipeline.of("untriggered",
                List.of(Task.of("silver", attempt -> { }))), new Triggers(Schedule.MANUAL, Optional.empty(),
                Duration.ZERO)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("nothing would start a run: pipeline.schedule is empty and pipeline.new-data-interval is"
                        + " 0s; set a cron expression (e.g. 0 * * * *, every hour) or how often to look for new data"
                        + " (e.g. 1m)");
    }

    /**
     * The data trigger starts a run when the input has changed since the last run started, and only then: not while
     * it stays the same, not while there is none, not again after a run that failed on the same input; and with a
     * schedule firing beside it, never two runs at once (the schedule's runs record the input they start from too).
     */
    @Test
    void theDataTriggerStartsARunWhenTheInputChangesAndNeverOneBesideAnother() throws Exception {
        AtomicReference<String> input = new AtomicReference<>("");
        AtomicBoolean fail = new AtomicBoolean();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Pipeline pipeline = Pipeline.of("fed", List.of(Task.of("silver", attempt -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
                if (fail.get()) {
                    throw new IllegalStateException("silver failed");
                }
            } finally {
                running.decrementAndGet();
            }
        })));
        Orchestrator o = Orchestrator.start(config, pipeline, Optional.empty(), Optional.of(input::get),
                Duration.ofMillis(200));
        started.add(o);

        Thread.sleep(1500);
        assertThat(o.runs().latest("fed", 10)).as("no input, no run").isEmpty();

        input.set("bronze.orders=10");
        await().atMost(RUN_TIMEOUT).until(() -> ended(o, "fed") == 1);
        Thread.sleep(1500);
        assertThat(o.runs().latest("fed", 10)).as("the same input starts no second run").singleElement()
                .satisfies(r -> {
                    assertThat(r.trigger()).isEqualTo("data");
                    assertThat(r.input()).hasValue("bronze.orders=10");
                    assertThat(r.state()).isEqualTo(RunState.SUCCEEDED);
                });

        fail.set(true);
        input.set("bronze.orders=25");
        await().atMost(RUN_TIMEOUT).until(() -> ended(o, "fed") == 2);
        Thread.sleep(1500);
        List<Run> runs = o.runs().latest("fed", 10);
        assertThat(runs).as("a run that failed on an input is not started again on it").hasSize(2);
        assertThat(runs.get(0).input()).hasValue("bronze.orders=25");
        assertThat(runs.get(0).state()).isEqualTo(RunState.FAILED);

        fail.set(false);
        o.close();
        started.remove(o);
        AtomicInteger grows = new AtomicInteger(25);
        Orchestrator both = Orchestrator.start(config, pipeline, Optional.of(Schedules.fixedDelay(
                Duration.ofMillis(100))), Optional.of(() -> "bronze.orders=" + grows.incrementAndGet()),
                Duration.ofMillis(100));
        started.add(both);
        await().atMost(RUN_TIMEOUT).until(() -> ended(both, "fed") >= 8);
        assertThat(both.runs().latest("fed", 20)).extracting(Run::trigger).contains("schedule", "data");
        assertThat(both.runs().latest("fed", 20)).allSatisfy(r -> assertThat(r.input()).isPresent());
        assertThat(mostAtOnce).as("runs at once").hasValue(1);
    }

    /**
     * A schedule time that passed while no instance was up (the schedule's execution left due an hour ago): with
     * {@code pipeline.catch-up} off the instance that picks it skips it; with it on (the default) it starts one run.
     */
    @Test
    void aScheduleTimeMissedWhileNoInstanceWasUpStartsARunOnlyWithCatchUp() throws Exception {
        Pipeline pipeline = Pipeline.of("missed", List.of(Task.of("silver", attempt -> { })));
        Triggers hourly = new Triggers(Schedule.parse("0 * * * *"), Optional.empty(), Duration.ZERO);
        Orchestrator skipping = Orchestrator.triggered(config.with(AlluviumSettings.PIPELINE_CATCH_UP, "false"),
                pipeline, hourly);
        started.add(skipping);
        leaveTheScheduleDueAnHourAgo("missed");
        await().atMost(RUN_TIMEOUT).until(() -> skipping.nextScheduled().filter(Instant.now()::isBefore).isPresent());
        assertThat(skipping.runs().latest("missed", 10)).as("skipped: no run").isEmpty();
        skipping.close();
        started.remove(skipping);

        Orchestrator catchingUp = Orchestrator.triggered(config, pipeline, hourly);
        started.add(catchingUp);
        leaveTheScheduleDueAnHourAgo("missed");
        await().atMost(RUN_TIMEOUT).until(() -> ended(catchingUp, "missed") == 1);
        assertThat(catchingUp.runs().latest("missed", 10)).singleElement()
                .satisfies(r -> assertThat(r.trigger()).isEqualTo("schedule"));
    }

    private static void leaveTheScheduleDueAnHourAgo(String pipeline) throws SQLException {
        try (Connection c = DriverManager.getConnection(CatalogProperties.jdbcUrl(config),
                config.getString(AlluviumSettings.CATALOG_JDBC_USER), CatalogProperties.password(config).reveal());
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE alluvium_orchestrator.scheduled_tasks SET execution_time = now()"
                    + " - interval '1 hour' WHERE task_name = 'schedule-" + pipeline + "' AND NOT picked")).isOne();
        }
    }

    private static long ended(Orchestrator o, String pipeline) throws SQLException {
        return o.runs().latest(pipeline, 20).stream().filter(r -> r.finishedAt().isPresent()).count();
    }

    /**
     * Clearing the failed task of a failed run runs it again with a fresh retry budget and attempt numbers that go on
     * from its last, then the tasks its failure had skipped; the task that had succeeded is not run again.
     */
    @Test
    void clearingAFailedTaskRunsItAndTheTasksItsFailureSkippedAndTheRunSucceeds() throws Exception {
        AtomicInteger silverRuns = new AtomicInteger();
        AtomicInteger publishRuns = new AtomicInteger();
        AtomicBoolean catalogDown = new AtomicBoolean(true);
        Pipeline pipeline = Pipeline.of("cleared", List.of(
                Task.of("silver", attempt -> silverRuns.incrementAndGet()),
                Task.of("gold", attempt -> {
                    if (catalogDown.get()) {
                        throw new IllegalStateException("catalog down");
                    }
                }).after("silver").retry(RetryPolicy.exponential(2, Duration.ofMillis(200))),
                Task.of("publish", attempt -> publishRuns.incrementAndGet()).after("gold")));
        Orchestrator o = orchestrator(pipeline);
        long runId = o.trigger("manual", Optional.empty());
        assertThat(awaitEnd(o, runId).state()).isEqualTo(RunState.FAILED);

        catalogDown.set(false);
        assertThat(o.clear(runId, "gold", false)).containsExactly("gold", "publish");
        Run run = awaitEnd(o, runId);

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.reason()).isNull();
        assertThat(o.runs().attempts(runId)).extracting(Attempt::task, Attempt::attempt, Attempt::state)
                .containsExactly(tuple("silver", 1, AttemptState.SUCCEEDED), tuple("gold", 1, AttemptState.FAILED),
                        tuple("gold", 2, AttemptState.FAILED), tuple("gold", 3, AttemptState.SUCCEEDED),
                        tuple("publish", 1, AttemptState.SUCCEEDED));
        assertThat(silverRuns).hasValue(1);
        assertThat(publishRuns).hasValue(1);
        assertThat(o.runs().tasks(runId)).extracting(TaskRun::task, TaskRun::state).containsOnly(
                tuple("silver", TaskState.SUCCEEDED), tuple("gold", TaskState.SUCCEEDED),
                tuple("publish", TaskState.SUCCEEDED));

        // failing again after the clear: its retry policy counts the two attempts since, not all four
        catalogDown.set(true);
        o.clear(runId, "gold", false);
        Run again = awaitEnd(o, runId);
        assertThat(again.state()).isEqualTo(RunState.FAILED);
        assertThat(again.reason()).isEqualTo("task gold failed after 2 attempts: catalog down");
        assertThat(o.runs().attempts(runId).stream().filter(a -> a.task().equals("gold")).map(Attempt::attempt))
                .containsExactly(1, 2, 3, 4, 5);
    }

    /** With --downstream every task after the cleared one runs again; without, a succeeded downstream task does not. */
    @Test
    void clearingWithDownstreamRunsEveryTaskAfterTheClearedOne() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        TaskAction counted = attempt -> runs.computeIfAbsent(attempt.task(), t -> new AtomicInteger()).incrementAndGet();
        Pipeline pipeline = Pipeline.of("rerun", List.of(Task.of("silver", counted),
                Task.of("gold", counted).after("silver"), Task.of("publish", counted).after("gold"),
                Task.of("quality", counted).after("gold")));
        Orchestrator o = orchestrator(pipeline);
        long runId = o.trigger("manual", Optional.empty());
        assertThat(awaitEnd(o, runId).state()).isEqualTo(RunState.SUCCEEDED);

        assertThat(o.clear(runId, "gold", false)).containsExactly("gold");
        assertThat(awaitEnd(o, runId).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(o.clear(runId, "gold", true)).containsExactly("gold", "publish", "quality");
        assertThat(awaitEnd(o, runId).state()).isEqualTo(RunState.SUCCEEDED);

        assertThat(runs).hasEntrySatisfying("silver", n -> assertThat(n).hasValue(1))
                .hasEntrySatisfying("gold", n -> assertThat(n).hasValue(3))
                .hasEntrySatisfying("publish", n -> assertThat(n).hasValue(2))
                .hasEntrySatisfying("quality", n -> assertThat(n).hasValue(2));
    }

    /** What cannot be cleared is one line naming why, and changes nothing. */
    @Test
    void aClearThatCannotRunIsRefusedWithTheReason() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.of("refused", List.of(
                Task.of("silver", attempt -> {
                    throw new IllegalStateException("bronze unreadable");
                }),
                Task.of("gold", attempt -> { }).after("silver"),
                Task.of("slow", attempt -> release.await())));
        Orchestrator o = orchestrator(pipeline);
        long runId = o.trigger("manual", Optional.empty());
        await().atMost(RUN_TIMEOUT).until(() -> o.runs().tasks(runId).stream()
                .anyMatch(t -> t.task().equals("silver") && t.state() == TaskState.FAILED));

        assertThatThrownBy(() -> o.clear(runId, "silver", false)).isInstanceOf(BadInputException.class)
                .hasMessage("run " + runId + " is still running: clear its tasks once it has ended"
                        + " (alluvium pipeline status)");
        release.countDown();
        assertThat(awaitEnd(o, runId).state()).isEqualTo(RunState.FAILED);
        assertThatThrownBy(() -> o.clear(runId, "gold", false)).isInstanceOf(BadInputException.class)
                .hasMessage("task gold of run " + runId + " cannot run again: its upstream task silver failed;"
                        + " clear silver with --downstream");
        assertThatThrownBy(() -> o.clear(runId, "glod", false)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("pipeline refused has no task glod (did you mean gold?)");
        assertThatThrownBy(() -> o.clear(runId + 1000, "gold", false)).isInstanceOf(BadInputException.class)
                .hasMessage("no run " + (runId + 1000) + " of pipeline refused (alluvium pipeline status lists them)");
        assertThat(o.runs().run(runId).orElseThrow().state()).isEqualTo(RunState.FAILED);
    }

    @Test
    void anAttemptPastItsTimeoutIsInterruptedAndFails() throws Exception {
        Pipeline pipeline = Pipeline.of("slow", List.of(
                Task.of("maintain", attempt -> Thread.sleep(60_000)).timeout(Duration.ofMillis(500))));
        Orchestrator o = orchestrator(pipeline);

        long runId = o.trigger("manual", Optional.empty());

        assertThat(awaitEnd(o, runId).reason()).isEqualTo("task maintain failed after 1 attempt: timed out after 500ms");
    }

    @Test
    void twoSchedulersOnOneDatabaseRunEachAttemptOnceAndShareTheWork() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tasks.add(Task.of("day-" + i, attempt -> {
                runs.computeIfAbsent(attempt.task(), t -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(300);
            }));
        }
        Pipeline pipeline = Pipeline.of("shared", tasks);
        Orchestrator first = orchestrator(pipeline);
        Orchestrator second = orchestrator(pipeline);

        long runId = first.trigger("manual", Optional.empty());

        assertThat(awaitEnd(second, runId).state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(runs).hasSize(12).allSatisfy((task, count) -> assertThat(count).hasValue(1));
        assertThat(first.runs().attempts(runId)).extracting(Attempt::scheduler)
                .contains(first.name(), second.name()).hasSize(12);
    }

    @Test
    void theTablesAreTheCatalogRolesAndMadeOnceWhateverTheStarts() throws Exception {
        orchestrator(Pipeline.of("again", List.of(Task.of("silver", attempt -> { }))));
        orchestrator(Pipeline.of("again", List.of(Task.of("silver", attempt -> { }))));
        try (Connection c = DriverManager.getConnection(CatalogProperties.jdbcUrl(config),
                config.getString(AlluviumSettings.CATALOG_JDBC_USER), CatalogProperties.password(config).reveal());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE tableowner = current_user), "
                     + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) FROM pg_tables "
                     + "WHERE schemaname = 'alluvium_orchestrator'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
            assertThat(rs.getInt(2)).isEqualTo(4);
            assertThat(rs.getBoolean(3)).isFalse();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
