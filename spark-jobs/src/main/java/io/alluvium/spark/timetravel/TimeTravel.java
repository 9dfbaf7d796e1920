package io.alluvium.spark.timetravel;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.RelationTimeTravel;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * Reads every table of a query at one point in history ({@link AsOf}): each table the parsed query names is
 * pinned to the snapshot that was current at that point, as if the user had written {@code VERSION AS OF <id>}
 * after each of them. For a snapshot id, the table that holds it is read at it and the others at its commit time.
 * The snapshots are chosen here, from Iceberg's metadata, before Spark plans the query: a point older than a
 * table's oldest kept snapshot is an error that says so, never a read of some other state.
 */
public final class TimeTravel {
    /** The query with its tables pinned, and the snapshot each is read at. */
    public record Pinned(LogicalPlan plan, List<ReadAt> readAt) {
    }

    private final Catalog catalog;
    private final String catalogName;

    /** @param catalogName the Spark name of {@code catalog}, which a query may put before a table's name */
    public TimeTravel(Catalog catalog, String catalogName) {
        this.catalog = catalog;
        this.catalogName = catalogName;
    }

    public Pinned pin(LogicalPlan query, AsOf asOf) {
        Map<TableIdentifier, Table> tables = new LinkedHashMap<>();
        List<Boolean> pinnedAlready = new ArrayList<>();
        transform(query, plan -> {
            if (plan instanceof RelationTimeTravel) {
                pinnedAlready.add(true);
            } else if (plan instanceof UnresolvedRelation relation) {
                table(relation).ifPresent(id -> tables.computeIfAbsent(id, catalog::loadTable));
            }
            return null;
        });
        if (!pinnedAlready.isEmpty()) {
            throw new BadInputException("the statement already reads a table VERSION AS OF or TIMESTAMP AS OF: "
                    + "use that or --as-of, not both");
        }
        if (tables.isEmpty()) {
            throw new BadInputException("--as-of reads the platform's tables at a point in their history, and this "
                    + "query reads none of them");
        }
        Instant at = asOf.snapshotId().isPresent() ? commitTime(tables, asOf.snapshotId().getAsLong()) : asOf.instant();
        Map<TableIdentifier, ReadAt> readAt = new LinkedHashMap<>();
        tables.forEach((id, table) -> readAt.put(id, snapshotAt(id, table, asOf, at)));
        LogicalPlan pinned = transform(query, plan -> plan instanceof UnresolvedRelation relation
                ? table(relation).map(id -> (LogicalPlan) new RelationTimeTravel(relation, Option.empty(),
                        Option.apply(Long.toString(readAt.get(id).snapshotId())))).orElse(null)
                : null);
        return new Pinned(pinned, List.copyOf(readAt.values()));
    }

    /** The commit time of the snapshot id, from the table of the query that holds it. */
    private static Instant commitTime(Map<TableIdentifier, Table> tables, long snapshotId) {
        for (Table table : tables.values()) {
            Snapshot s = table.snapshot(snapshotId);
            if (s != null) {
                return Instant.ofEpochMilli(s.timestampMillis());
            }
        }
        throw new BadInputException("no table of the query (" + names(tables) + ") has snapshot " + snapshotId
                + ": alluvium table history <table> lists the snapshots a table keeps (expired ones are gone)");
    }

    /** The table's snapshot at the point: the snapshot id if it is the table's, else the one current at {@code at}. */
    private static ReadAt snapshotAt(TableIdentifier id, Table table, AsOf asOf, Instant at) {
        boolean holdsIt = asOf.snapshotId().isPresent() && table.snapshot(asOf.snapshotId().getAsLong()) != null;
        Snapshot s = (holdsIt ? asOf : AsOf.time(at)).in(table, id.toString());
        return new ReadAt(id.toString(), s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis()));
    }

    /** The catalog table a relation names, if it names one (a CTE or a temporary view does not). */
    private Optional<TableIdentifier> table(UnresolvedRelation relation) {
        List<String> parts = new ArrayList<>(CollectionConverters.asJava(relation.multipartIdentifier()));
        if (parts.size() == 3 && parts.get(0).equalsIgnoreCase(catalogName)) {
            parts.remove(0);
        }
        if (parts.size() != 2) {
            return Optional.empty();
        }
        TableIdentifier id = TableIdentifier.of(parts.get(0), parts.get(1));
        return catalog.tableExists(id) ? Optional.of(id) : Optional.empty();
    }

    private static String names(Map<TableIdentifier, Table> tables) {
        return String.join(", ", tables.keySet().stream().map(TableIdentifier::toString).toList());
    }

    /**
     * Applies {@code rule} to every node of the plan and of its subqueries, bottom up; a node the rule maps to null
     * is kept as it is.
     */
    private static LogicalPlan transform(LogicalPlan plan, Function<LogicalPlan, LogicalPlan> rule) {
        return plan.transformUpWithSubqueries(new AbstractPartialFunction<LogicalPlan, LogicalPlan>() {
            @Override
            public boolean isDefinedAt(LogicalPlan node) {
                return true;
            }

            @Override
            public LogicalPlan apply(LogicalPlan node) {
                LogicalPlan replaced = rule.apply(node);
                return replaced == null ? node : replaced;
            }
        });
    }
}
