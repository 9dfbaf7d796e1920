package io.alluvium.flink.landing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The result line of a landing run, told from what Bronze committed rather than from what the job
 * read: per topic the rows this run committed, the rows the table holds and the Iceberg commits it made;
 * overall the checkpoints whose data reached Bronze (each Iceberg commit records its Flink job id and
 * checkpoint id in the snapshot summary), the run's seconds and its rate.
 */
public final class LandingReport {
    /** Snapshot summary keys written by Iceberg's Flink committer. */
    static final String FLINK_JOB_ID = "flink.job-id";
    public static final String CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode topics = root.putObject("topics");
    private final Set<Long> checkpoints = new TreeSet<>();
    private long rowsCommitted;

    /**
     * Adds one topic.
     *
     * @param rowsBefore rows of the table when the run started
     * @param since      start of the run (epoch millis): only later commits of {@code jobId} count
     */
    LandingReport topic(LandedOffsets landed, long rowsBefore, JobID jobId, long since) {
        Table table = landed.table();
        int commits = 0;
        for (Snapshot s : table.snapshots()) {
            Map<String, String> summary = s.summary();
            if (s.timestampMillis() >= since && jobId.toHexString().equals(summary.get(FLINK_JOB_ID))) {
                commits++;
                String checkpoint = summary.get(CHECKPOINT_ID);
                if (checkpoint != null) {
                    checkpoints.add(Long.parseLong(checkpoint));
                }
            }
        }
        long committed = landed.rows() - rowsBefore;
        rowsCommitted += committed;
        ObjectNode t = topics.putObject(landed.topic().topicName());
        t.put("rows_committed", committed);
        t.put("rows_in_table", landed.rows());
        t.put("commits", commits);
        return this;
    }

    /** The JSON of the whole run. */
    String toJson(double seconds, String restoredFrom, String savepoint, boolean caughtUp) {
        root.put("checkpoints", checkpoints.size());
        root.put("seconds", Math.round(seconds * 10) / 10.0);
        root.put("rows_committed", rowsCommitted);
        root.put("rows_per_second", seconds > 0 ? Math.round(rowsCommitted / seconds) : 0);
        root.put("caught_up", caughtUp);
        root.put("restored_from", restoredFrom);
        root.put("savepoint", savepoint);
        return root.toString();
    }
}
