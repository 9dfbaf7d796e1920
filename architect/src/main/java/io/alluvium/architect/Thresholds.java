package io.alluvium.architect;

import static io.alluvium.architect.Quantities.MB;

import io.alluvium.architect.Bottleneck.Severity;
import io.alluvium.architect.Knob.Cluster;
import java.util.Optional;

/**
 * The limits that turn a number into a bottleneck. Exists so that each threshold is named once, with the
 * reason for its value, and printed next to the bottleneck it triggers; and so that "near a limit" means
 * the same margin everywhere.
 */
final class Thresholds {
    /** A value this close to its threshold (as a share of it) is reported as near: planning figures are not that precise. */
    static final double NEAR_SHARE = 0.2;
    /** Files below this are "small": per-file overhead (open, footer, request) dominates the read. */
    static final double SMALL_FILE_BYTES = 64 * MB;
    /** Files planned by one Spark run above which the driver's task metadata risks OutOfMemory. */
    static final double DRIVER_MAX_FILES_PER_RUN = 100_000;
    /** The hot key's task is this many times the average task: one straggler sets the job's duration. */
    static final double SKEW_MAX_TASK_RATIO = 4;
    /** DynamoDB writes one partition sustains (1,000 WCU/s). */
    static final double DYNAMO_PARTITION_WRITES_PER_S = 1_000;
    /** Managed Flink KPUs per application by default (Service Quotas; raise by request). */
    static final double FLINK_MAX_KPUS_PER_APP = 64;
    /** Active Athena DML queries per account by default in many regions (check Service Quotas). */
    static final double ATHENA_MAX_ACTIVE_QUERIES = 20;
    /** Planning figure: Athena scans about this many bytes/s per query. */
    static final double ATHENA_SCAN_BYTES_PER_S = 1e9;
    /** Queries arrive over this many busy hours a day. */
    static final double BUSY_HOURS_PER_DAY = 10;
    /** A query scanning more than this costs more than $5 on Athena. */
    static final double FULL_SCAN_BYTES = 1e12;
    /** Snapshots kept above this make every commit and plan read a large metadata tree. */
    static final double MAX_SNAPSHOTS = 10_000;
    /** S3 request charges above this share of S3 storage charges mean files are too small. */
    static final double REQUEST_COST_SHARE = 0.25;
    /** Cross-AZ charges above this share of the bill are worth engineering away. */
    static final double CROSS_AZ_COST_SHARE = 0.05;
    /** A cluster busy less than this share of the day is mostly idle. */
    static final double MIN_CLUSTER_UTILIZATION = 0.5;
    /** Cluster start-up above this share of the time between runs: the cadence wants a stream or warm capacity. */
    static final double MAX_STARTUP_SHARE = 0.1;
    /** Cores per batch run above which one cluster is hard to provision in time: split or stream. */
    static final double MAX_CORES_PER_RUN = 4_000;

    private Thresholds() {
    }

    /** For a maximum: reached above the limit, near within {@link #NEAR_SHARE} under it (the limit itself included). */
    static Optional<Severity> above(double observed, double limit) {
        if (observed > limit) {
            return Optional.of(Severity.REACHED);
        }
        return observed > limit * (1 - NEAR_SHARE) ? Optional.of(Severity.NEAR) : Optional.empty();
    }

    /** For a minimum: reached below the limit, near within {@link #NEAR_SHARE} over it (the limit itself included). */
    static Optional<Severity> below(double observed, double limit) {
        if (observed < limit) {
            return Optional.of(Severity.REACHED);
        }
        return observed < limit * (1 + NEAR_SHARE) ? Optional.of(Severity.NEAR) : Optional.empty();
    }
}
