package io.alluvium.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowTablesExtended;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.catalyst.plans.logical.views.ShowIcebergViews;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.ShowCatalogsCommand;
import org.apache.spark.sql.execution.command.ShowCurrentNamespaceCommand;
import org.apache.spark.sql.execution.command.ShowNamespacesCommand;

/**
 * Whether a statement only reads, as the session's own parser (Spark's, with Iceberg's extensions) sees it: a query
 * (what Spark's grammar calls one: SELECT, WITH, VALUES, TABLE, FROM ... SELECT), or one of the statements that
 * describe what is there (DESCRIBE, SHOW, EXPLAIN). Anything else may change a table or the catalog (CREATE, ALTER,
 * DROP, INSERT, UPDATE, DELETE, MERGE, CALL, ...), and runs only when the user says so. Spark has no read-only
 * session to lean on instead. Iceberg's extensions parse SHOW VIEWS into a plan of their own.
 */
final class ReadOnlyStatement {
    /** What the parser makes of the statements that only describe; each runs no job and writes nothing. */
    private static final List<Class<?>> DESCRIBING = List.of(DescribeRelation.class, DescribeColumn.class,
            DescribeNamespace.class, DescribeFunction.class, DescribeQueryCommand.class, ShowTables.class,
            ShowTablesExtended.class, ShowViews.class, ShowColumns.class, ShowCreateTable.class,
            ShowTableProperties.class, ShowPartitions.class, ShowFunctions.class, ShowNamespacesCommand.class,
            ShowCatalogsCommand.class, ShowCurrentNamespaceCommand.class, ExplainCommand.class,
            ShowIcebergViews.class);

    /**
     * Spark's own parser, which tells a query from any other statement (the session's, with Iceberg's extensions,
     * takes every statement for a query, DROP TABLE included); the session's parser still reads the statement, so
     * that Iceberg's own statements are known, and refused, rather than called a syntax error.
     */
    private static final ParserInterface QUERIES = new SparkSqlParser();

    private ReadOnlyStatement() {
    }

    /**
     * @return empty when the statement only reads; otherwise the parser's name for what it does (e.g.
     *         {@code DropTable}), to name it to the user
     * @throws ParseException when the statement is not Spark SQL at all
     */
    static Optional<String> change(SparkSession spark, String statement) throws ParseException {
        LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(statement);
        if (DESCRIBING.stream().anyMatch(kind -> kind.isInstance(plan)) || isQuery(statement)) {
            return Optional.empty();
        }
        return Optional.of(plan.nodeName());
    }

    /** Whether the statement is a query in Spark's grammar (SELECT, WITH, VALUES, TABLE, FROM ... SELECT). */
    static boolean isQuery(String statement) {
        try {
            QUERIES.parseQuery(statement);
            return true;
        } catch (ParseException notAQuery) {
            return false;
        }
    }
}
