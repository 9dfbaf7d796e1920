package io.alluvium.orchestrator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The durable record of runs, their tasks and every attempt, in {@link OrchestratorSchema}'s tables. Each change
 * is one statement or one transaction guarded by the state it expects, so that two schedulers acting on one run
 * at once, or a scheduler replaying an execution a dead one had started, change it once
 * (docs/orchestration.md#durability).
 */
public final class RunStore {
    private static final String S = OrchestratorSchema.NAME;
    private static final String RUN_COLUMNS = "SELECT run_id, pipeline, trigger, partition_day, state, reason, "
            + "created_at, finished_at, input FROM " + S + ".runs ";

    private final DataSource db;

    RunStore(DataSource db) {
        this.db = db;
    }

    /** The runs recorded in the catalog database of {@code config}, to read them without running a scheduler. */
    public static RunStore open(AlluviumConfig config) throws SQLException {
        return new RunStore(OrchestratorDatabase.open(config));
    }

    /**
     * A new run of {@code pipeline}, every task pending; returns its id.
     *
     * @param input what the pipeline's input held when the run was started ({@link PipelineInput}), if looked at
     */
    long createRun(Pipeline pipeline, String trigger, Optional<LocalDate> partition, Optional<String> input)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long id = insertRun(c, pipeline, trigger, partition, input);
            c.commit();
            return id;
        }
    }

    /**
     * As {@link #createRun}, unless a run of {@code pipeline} is running: then none, and empty. Checking and creating
     * are one step for every scheduler instance on the database (a transaction-scoped advisory lock on the pipeline's
     * name), so that two triggers firing at once on two instances start one run, not two.
     */
    Optional<Long> createRunUnlessRunning(Pipeline pipeline, String trigger, Optional<String> input)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                q.setString(1, OrchestratorSchema.NAME + ".runs/" + pipeline.name());
                q.execute();
            }
            Optional<Long> id = running(c, pipeline.name()).isPresent() ? Optional.empty()
                    : Optional.of(insertRun(c, pipeline, trigger, Optional.empty(), input));
            c.commit();
            return id;
        }
    }

    private static long insertRun(Connection c, Pipeline pipeline, String trigger, Optional<LocalDate> partition,
                                  Optional<String> input) throws SQLException {
        long id;
        try (PreparedStatement q = c.prepareStatement("INSERT INTO " + S + ".runs (pipeline, trigger, "
                + "partition_day, state, input, created_at) VALUES (?, ?, ?, ?, ?, now()) RETURNING run_id")) {
            q.setString(1, pipeline.name());
            q.setString(2, trigger);
            q.setDate(3, partition.map(Date::valueOf).orElse(null));
            q.setString(4, RunState.RUNNING.sql());
            q.setString(5, input.orElse(null));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement q = c.prepareStatement(
                "INSERT INTO " + S + ".task_runs (run_id, task, position, state) VALUES (?, ?, ?, ?)")) {
            List<Task> tasks = pipeline.tasks();
            for (int i = 0; i < tasks.size(); i++) {
                q.setLong(1, id);
                q.setString(2, tasks.get(i).name());
                q.setInt(3, i);
                q.setString(4, TaskState.PENDING.sql());
                q.addBatch();
            }
            q.executeBatch();
        }
        return id;
    }

    /** What the input held when the latest run that looked at it started: the data trigger compares with it. */
    Optional<String> lastInput(String pipeline) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT input FROM " + S
                + ".runs WHERE pipeline = ? AND input IS NOT NULL ORDER BY run_id DESC LIMIT 1")) {
            q.setString(1, pipeline);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Records that attempt {@code key} starts on {@code scheduler}, unless it was recorded before: then returns
     * how it ended. An attempt found still running was started by a scheduler that died (db-scheduler handed its
     * execution on when its heartbeats stopped): it is recorded as failed, and that failure returned.
     */
    Optional<Outcome> begin(AttemptKey key, String scheduler, Path logFile) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Optional<Outcome> recorded = recordedOutcome(c, key);
            if (recorded.isEmpty()) {
                try (PreparedStatement q = c.prepareStatement("INSERT INTO " + S + ".attempts (run_id, task, attempt, "
                        + "state, scheduler, log_file, started_at) VALUES (?, ?, ?, ?, ?, ?, now())")) {
                    bind(q, key);
                    q.setString(4, AttemptState.RUNNING.sql());
                    q.setString(5, scheduler);
                    q.setString(6, logFile.toString());
                    q.executeUpdate();
                }
                try (PreparedStatement q = c.prepareStatement("UPDATE " + S + ".task_runs SET state = ?, attempts = ?, "
                        + "started_at = coalesce(started_at, now()) WHERE run_id = ? AND task = ?")) {
                    q.setString(1, TaskState.RUNNING.sql());
                    q.setInt(2, key.attempt());
                    q.setLong(3, key.runId());
                    q.setString(4, key.task());
                    q.executeUpdate();
                }
            }
            c.commit();
            return recorded;
        }
    }

    private static Optional<Outcome> recordedOutcome(Connection c, AttemptKey key) throws SQLException {
        AttemptState state;
        String error;
        String scheduler;
        try (PreparedStatement q = c.prepareStatement("SELECT state, error, scheduler FROM " + S + ".attempts "
                + "WHERE run_id = ? AND task = ? AND attempt = ? FOR UPDATE")) {
            bind(q, key);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                state = AttemptState.valueOf(rs.getString(1).toUpperCase(Locale.ROOT));
                error = rs.getString(2);
                scheduler = rs.getString(3);
            }
        }
        return switch (state) {
            case SUCCEEDED -> Optional.of(Outcome.success());
            case FAILED -> Optional.of(Outcome.failure(error));
            case RUNNING -> {
                Outcome abandoned = Outcome.failure("abandoned: scheduler " + scheduler
                        + " stopped heartbeating while the attempt ran");
                finish(c, key, abandoned);
                yield Optional.of(abandoned);
            }
        };
    }

    /** Records how attempt {@code key} ended. */
    void finish(AttemptKey key, Outcome outcome) throws SQLException {
        try (Connection c = db.getConnection()) {
            finish(c, key, outcome);
        }
    }

    private static void finish(Connection c, AttemptKey key, Outcome outcome) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("UPDATE " + S + ".attempts SET state = ?, error = ?, "
                + "finished_at = now() WHERE run_id = ? AND task = ? AND attempt = ?")) {
            q.setString(1, (outcome.succeeded() ? AttemptState.SUCCEEDED : AttemptState.FAILED).sql());
            q.setString(2, outcome.error());
            q.setLong(3, key.runId());
            q.setString(4, key.task());
            q.setInt(5, key.attempt());
            q.executeUpdate();
        }
    }

    /** Sets a task's state and reason ({@code null} for none); a final state also sets its end. */
    void setTask(long runId, String task, TaskState state, String reason) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("UPDATE " + S
                + ".task_runs SET state = ?, reason = ?, finished_at = CASE WHEN ? THEN now() END "
                + "WHERE run_id = ? AND task = ?")) {
            q.setString(1, state.sql());
            q.setString(2, reason);
            q.setBoolean(3, state.isFinal());
            q.setLong(4, runId);
            q.setString(5, task);
            q.executeUpdate();
        }
    }

    /**
     * Queues {@code task} when every upstream task has succeeded and it was not queued and started since it was
     * made or cleared; returns the number of the attempt it is queued for, which the caller then schedules (again,
     * after a crash: scheduling is idempotent), or nothing when it is not ready.
     */
    Optional<Integer> queueIfReady(long runId, Task task) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("UPDATE " + S
                + ".task_runs SET state = ? WHERE run_id = ? AND task = ? "
                + "AND (state = ? OR (state = ? AND attempts = attempt_base)) AND NOT EXISTS (SELECT 1 FROM " + S
                + ".task_runs u WHERE u.run_id = ? AND u.task = ANY (?) AND u.state <> ?) "
                + "RETURNING attempt_base + 1")) {
            q.setString(1, TaskState.QUEUED.sql());
            q.setLong(2, runId);
            q.setString(3, task.name());
            q.setString(4, TaskState.PENDING.sql());
            q.setString(5, TaskState.QUEUED.sql());
            q.setLong(6, runId);
            q.setArray(7, c.createArrayOf("text", task.upstream().toArray()));
            q.setString(8, TaskState.SUCCEEDED.sql());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** The attempts {@code task} had before it was last cleared (0 if never): its retry policy counts those after. */
    int attemptBase(long runId, String task) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT attempt_base FROM "
                + S + ".task_runs WHERE run_id = ? AND task = ?")) {
            q.setLong(1, runId);
            q.setString(2, task);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Makes {@code tasks} of the ended run {@code runId} pending again, each keeping its attempts so far as its new
     * base, and the run running: one transaction, refused (nothing changed) while the run is still running.
     */
    void clear(long runId, List<Task> tasks) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement("UPDATE " + S + ".runs SET state = ?, reason = NULL, "
                    + "finished_at = NULL WHERE run_id = ? AND state <> ?")) {
                q.setString(1, RunState.RUNNING.sql());
                q.setLong(2, runId);
                q.setString(3, RunState.RUNNING.sql());
                if (q.executeUpdate() != 1) {
                    c.rollback();
                    throw new BadInputException("run " + runId + " is still running: clear its tasks once it has ended"
                            + " (alluvium pipeline status)");
                }
            }
            try (PreparedStatement q = c.prepareStatement("UPDATE " + S + ".task_runs SET state = ?, reason = NULL, "
                    + "attempt_base = attempts, started_at = NULL, finished_at = NULL WHERE run_id = ? "
                    + "AND task = ANY (?)")) {
                q.setString(1, TaskState.PENDING.sql());
                q.setLong(2, runId);
                q.setArray(3, c.createArrayOf("text", tasks.stream().map(Task::name).toArray()));
                q.executeUpdate();
            }
            c.commit();
        }
    }

    /** Marks every task of {@code tasks} that has not started as skipped, for {@code reason}. */
    void skip(long runId, List<Task> tasks, String reason) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("UPDATE " + S
                + ".task_runs SET state = ?, reason = ?, finished_at = now() "
                + "WHERE run_id = ? AND task = ANY (?) AND state = ?")) {
            Array names = c.createArrayOf("text", tasks.stream().map(Task::name).toArray());
            q.setString(1, TaskState.SKIPPED.sql());
            q.setString(2, reason);
            q.setLong(3, runId);
            q.setArray(4, names);
            q.setString(5, TaskState.PENDING.sql());
            q.executeUpdate();
        }
    }

    /**
     * Ends the run once every task is final: succeeded when all succeeded, else failed with the first failed
     * task's reason. Changes nothing while a task is still to run, or when the run has ended already.
     */
    void finishRunIfDone(long runId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("UPDATE " + S + ".runs r "
                + "SET state = CASE WHEN f.task IS NULL THEN ? ELSE ? END, "
                + "reason = CASE WHEN f.task IS NULL THEN NULL ELSE 'task ' || f.task || ' ' || f.reason END, "
                + "finished_at = now() "
                + "FROM (SELECT ?::bigint AS run_id) k LEFT JOIN LATERAL (SELECT task, reason FROM " + S
                + ".task_runs WHERE run_id = k.run_id AND state = ? ORDER BY finished_at LIMIT 1) f ON true "
                + "WHERE r.run_id = k.run_id AND r.state = ? AND NOT EXISTS (SELECT 1 FROM " + S
                + ".task_runs t WHERE t.run_id = k.run_id AND t.state NOT IN (?, ?, ?))")) {
            q.setString(1, RunState.SUCCEEDED.sql());
            q.setString(2, RunState.FAILED.sql());
            q.setLong(3, runId);
            q.setString(4, TaskState.FAILED.sql());
            q.setString(5, RunState.RUNNING.sql());
            q.setString(6, TaskState.SUCCEEDED.sql());
            q.setString(7, TaskState.FAILED.sql());
            q.setString(8, TaskState.SKIPPED.sql());
            q.executeUpdate();
        }
    }

    /** The latest {@code limit} runs of {@code pipeline}, newest first. */
    public List<Run> latest(String pipeline, int limit) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(RUN_COLUMNS
                + "WHERE pipeline = ? ORDER BY run_id DESC LIMIT ?")) {
            q.setString(1, pipeline);
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
        }
        return runs;
    }

    /** A run of {@code pipeline} that is running (the oldest), if any. */
    Optional<Long> running(String pipeline) throws SQLException {
        try (Connection c = db.getConnection()) {
            return running(c, pipeline);
        }
    }

    private static Optional<Long> running(Connection c, String pipeline) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT min(run_id) FROM " + S
                + ".runs WHERE pipeline = ? AND state = ?")) {
            q.setString(1, pipeline);
            q.setString(2, RunState.RUNNING.sql());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(id);
            }
        }
    }

    /** The run {@code runId}, if there is one. */
    public Optional<Run> run(long runId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(RUN_COLUMNS
                + "WHERE run_id = ?")) {
            q.setLong(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(run(rs)) : Optional.empty();
            }
        }
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3),
                Optional.ofNullable(rs.getDate(4)).map(Date::toLocalDate),
                RunState.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6),
                rs.getTimestamp(7).toInstant(), instant(rs.getTimestamp(8)), Optional.ofNullable(rs.getString(9)));
    }

    /** The tasks of run {@code runId}, each after its upstream tasks (the pipeline's order). */
    public List<TaskRun> tasks(long runId) throws SQLException {
        List<TaskRun> tasks = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT task, state, attempts, "
                + "reason, started_at, finished_at FROM " + S + ".task_runs WHERE run_id = ? ORDER BY position")) {
            q.setLong(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new TaskRun(rs.getString(1), TaskState.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                            rs.getInt(3), rs.getString(4), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
                }
            }
        }
        return tasks;
    }

    /** Every attempt of run {@code runId}, by task and attempt. */
    public List<Attempt> attempts(long runId) throws SQLException {
        List<Attempt> attempts = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT task, attempt, state, "
                + "scheduler, log_file, error, started_at, finished_at FROM " + S + ".attempts WHERE run_id = ? "
                + "ORDER BY started_at, task, attempt")) {
            q.setLong(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new Attempt(rs.getString(1), rs.getInt(2),
                            AttemptState.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            instant(rs.getTimestamp(8))));
                }
            }
        }
        return attempts;
    }

    private static void bind(PreparedStatement q, AttemptKey key) throws SQLException {
        q.setLong(1, key.runId());
        q.setString(2, key.task());
        q.setInt(3, key.attempt());
    }

    private static Optional<Instant> instant(Timestamp t) {
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }
}
