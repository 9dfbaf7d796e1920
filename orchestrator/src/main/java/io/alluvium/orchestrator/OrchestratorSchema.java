package io.alluvium.orchestrator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The orchestrator's tables, in a schema of their own in the catalog's database: runs, their tasks and every
 * attempt (docs/orchestration.md#what-is-stored), and db-scheduler's table of executions. Created as the
 * catalog's role, which owns that database and so may create a schema in it: no superuser. Idempotent, and
 * serialised by an advisory lock, so that two schedulers starting at once on one database both find them made.
 */
final class OrchestratorSchema {
    static final String NAME = "alluvium_orchestrator";
    /** db-scheduler's table, as its documentation gives it for PostgreSQL. */
    static final String EXECUTIONS = NAME + ".scheduled_tasks";

    private static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS " + NAME,
            "CREATE TABLE IF NOT EXISTS " + NAME + ".runs ("
                    + "run_id bigserial PRIMARY KEY, pipeline text NOT NULL, trigger text NOT NULL, "
                    + "partition_day date, state text NOT NULL, reason text, "
                    + "created_at timestamptz NOT NULL, finished_at timestamptz)",
            "CREATE TABLE IF NOT EXISTS " + NAME + ".task_runs ("
                    + "run_id bigint NOT NULL REFERENCES " + NAME + ".runs, task text NOT NULL, position int NOT NULL, "
                    + "state text NOT NULL, "
                    + "attempts int NOT NULL DEFAULT 0, reason text, started_at timestamptz, finished_at timestamptz, "
                    + "PRIMARY KEY (run_id, task))",
            // the attempts a task had before it was last cleared: its retry policy counts the attempts since
            "ALTER TABLE " + NAME + ".task_runs ADD COLUMN IF NOT EXISTS attempt_base int NOT NULL DEFAULT 0",
            // what the pipeline's input held when the run started: the data trigger starts a run when it changes
            "ALTER TABLE " + NAME + ".runs ADD COLUMN IF NOT EXISTS input text",
            "CREATE TABLE IF NOT EXISTS " + NAME + ".attempts ("
                    + "run_id bigint NOT NULL, task text NOT NULL, attempt int NOT NULL, state text NOT NULL, "
                    + "scheduler text NOT NULL, log_file text NOT NULL, error text, "
                    + "started_at timestamptz NOT NULL, finished_at timestamptz, "
                    + "PRIMARY KEY (run_id, task, attempt), FOREIGN KEY (run_id, task) REFERENCES " + NAME
                    + ".task_runs)",
            "CREATE TABLE IF NOT EXISTS " + EXECUTIONS + " ("
                    + "task_name text NOT NULL, task_instance text NOT NULL, task_data bytea, "
                    + "execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text, "
                    + "last_success timestamptz, last_failure timestamptz, consecutive_failures int, "
                    + "last_heartbeat timestamptz, version bigint NOT NULL, priority smallint, "
                    + "PRIMARY KEY (task_name, task_instance))",
            "CREATE INDEX IF NOT EXISTS execution_time_idx ON " + EXECUTIONS + " (execution_time)",
            "CREATE INDEX IF NOT EXISTS last_heartbeat_idx ON " + EXECUTIONS + " (last_heartbeat)",
            "CREATE INDEX IF NOT EXISTS priority_execution_time_idx ON " + EXECUTIONS
                    + " (priority DESC, execution_time ASC)");

    private OrchestratorSchema() {
    }

    static void create(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(hashtext('" + NAME + "'))");
            for (String ddl : DDL) {
                s.execute(ddl);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
