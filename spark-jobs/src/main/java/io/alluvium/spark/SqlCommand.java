package io.alluvium.spark;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.timetravel.AsOf;
import io.alluvium.spark.timetravel.ReadAt;
import io.alluvium.spark.timetravel.TimeTravel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.StructField;

/**
 * {@code alluvium sql "<Spark SQL>"}: runs one statement against the platform's catalog and returns at
 * most {@link #MAX_ROWS} rows, saying when there were more. It only reads ({@link ReadOnlyStatement}) unless
 * the user allows writes ({@code --write}): a {@code DROP TABLE ... PURGE} typed to look around must not run.
 * A statement Spark cannot parse or resolve is the user's to fix: it is reported as bad input with Spark's
 * own one-line message.
 */
public final class SqlCommand {
    public static final int MAX_ROWS = 1000;

    /**
     * The result line: column names and Spark types, rows as arrays in column order, and for a query read
     * {@code --as-of} a point in history, the snapshot each table was read at (else empty).
     */
    public record Result(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated,
                         List<ReadAt> readAt) {
    }

    private final SparkSession spark;

    public SqlCommand(SparkSession spark) {
        this.spark = spark;
    }

    /** @param write whether statements that change tables or the catalog may run */
    public Result run(String statement, boolean write) {
        requireStatement(statement);
        return guarded(() -> {
            Optional<String> change = write ? Optional.empty() : ReadOnlyStatement.change(spark, statement);
            if (change.isPresent()) {
                throw new BadInputException("sql only reads (queries, DESCRIBE, SHOW, EXPLAIN), and this statement ("
                        + change.get() + ") may change tables or the catalog: add --write to run it");
            }
            return collect(spark.sql(statement), List.of());
        });
    }

    /** A query with every table it reads pinned to its snapshot at {@code asOf} ({@link TimeTravel}). */
    public Result runAsOf(String statement, AsOf asOf, TimeTravel timeTravel) {
        requireStatement(statement);
        return guarded(() -> {
            LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(statement);
            if (!ReadOnlyStatement.isQuery(statement)) {
                throw new BadInputException("--as-of reads tables at a point in their history: it takes a query "
                        + "(SELECT, WITH, VALUES, TABLE), not " + plan.nodeName());
            }
            TimeTravel.Pinned pinned = timeTravel.pin(plan, asOf);
            // the pinned plan runs as Spark runs a parsed statement (SparkSession.sql does the same)
            return collect(org.apache.spark.sql.classic.Dataset.ofRows(
                    (org.apache.spark.sql.classic.SparkSession) spark, pinned.plan()), pinned.readAt());
        });
    }

    private static void requireStatement(String statement) {
        if (statement.isBlank()) {
            throw new BadInputException("sql needs a statement, e.g. alluvium sql \"SELECT count(*) FROM silver.orders\"");
        }
    }

    /** Runs one statement's work, an error in the statement itself reported as bad input. */
    private static Result guarded(Work work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw userError(e).map(BadInputException::new).orElseThrow(() -> e);
        } catch (Exception e) { // AnalysisException is checked in Java's eyes though Scala does not declare it
            throw userError(e).map(BadInputException::new).orElseThrow(() -> new IllegalStateException(e));
        }
    }

    private interface Work {
        Result run() throws Exception;
    }

    private static Result collect(Dataset<Row> result, List<ReadAt> readAt) {
        List<Row> collected = result.limit(MAX_ROWS + 1).collectAsList();
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : collected.subList(0, Math.min(MAX_ROWS, collected.size()))) {
            rows.add(RowValues.of(r));
        }
        StructField[] fields = result.schema().fields();
        return new Result(Arrays.stream(fields).map(StructField::name).toList(),
                Arrays.stream(fields).map(f -> f.dataType().simpleString()).toList(),
                rows, collected.size() > MAX_ROWS, readAt);
    }

    /**
     * The one-line message of an error in the statement itself: SQLSTATE class 42 (syntax, unknown table
     * or column) or 22 (data exception, e.g. division by zero in ANSI mode).
     */
    private static Optional<String> userError(Exception e) {
        if (e instanceof SparkThrowable st && st.getSqlState() != null
                && (st.getSqlState().startsWith("42") || st.getSqlState().startsWith("22"))) {
            return Optional.of(firstLine(e.getMessage()));
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        String m = message == null ? "invalid statement" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
