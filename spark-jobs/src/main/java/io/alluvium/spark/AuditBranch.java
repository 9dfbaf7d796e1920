package io.alluvium.spark;

import io.alluvium.domain.TableId;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The branch a Gold build is written to and audited on before readers see it (write-audit-publish,
 * docs/maintenance.md#write-audit-publish). It starts at main as it is; publishing fast-forwards main to it, one
 * metadata commit, so readers of main see a whole audited build or none of it. A build that fails its audit is never
 * published: main stays as it was and the build stays on the branch for inspection until the next build replaces it.
 */
final class AuditBranch {
    /** The branch's name on every Gold table: read it with {@code VERSION AS OF 'audit'}. */
    static final String NAME = "audit";

    private final SparkSession spark;
    private final LakeTables tables;
    private final TableId table;

    private AuditBranch(SparkSession spark, LakeTables tables, TableId table) {
        this.spark = spark;
        this.tables = tables;
        this.table = table;
    }

    /** A fresh branch at main's current snapshot (at an empty one if main has none), replacing any earlier build's. */
    static AuditBranch open(SparkSession spark, LakeTables tables, TableId table) {
        Table t = tables.load(table);
        if (t.refs().containsKey(NAME)) {
            t.manageSnapshots().removeBranch(NAME).commit();
        }
        t.manageSnapshots().createBranch(NAME).commit();
        return new AuditBranch(spark, tables, table);
    }

    /** The name Spark writes the build to and reads it back by, e.g. {@code gold.daily_funnel.branch_audit}. */
    String writeName() {
        return tables.name(table) + ".branch_" + NAME;
    }

    /** The build's rows as the branch holds them. */
    Dataset<Row> rows() {
        return spark.table(writeName());
    }

    /**
     * Fast-forwards main to the audited build and drops the branch. False, with nothing changed, when main moved since
     * the branch was made (another writer committed, e.g. compaction): the build must be made again on a fresh branch.
     */
    boolean publish() {
        if (mainMoved()) {
            return false;
        }
        try {
            tables.load(table).manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, NAME).removeBranch(NAME)
                    .commit();
            return true;
        } catch (IllegalArgumentException | CommitFailedException e) {
            if (mainMoved()) {
                return false; // between the check and the commit: Iceberg refused the fast-forward
            }
            throw e;
        }
    }

    private boolean mainMoved() {
        Table t = tables.load(table);
        Snapshot main = t.currentSnapshot();
        return main != null && !SnapshotUtil.isAncestorOf(t, t.refs().get(NAME).snapshotId(), main.snapshotId());
    }
}
