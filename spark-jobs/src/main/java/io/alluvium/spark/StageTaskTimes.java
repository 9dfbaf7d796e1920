package io.alluvium.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * A SparkListener that records how long each task of each stage ran, so that a batch run's report can show the
 * stages where one task took far longer than the others: data skew, the doctor's {@code stage-skew} check
 * (docs/doctor.md, "Skew"). A task's time is its executor run time (deserialization and result sending left out),
 * of successful tasks only. Register it with {@link #attach}, read it with {@link #stages}, then {@link #detach}.
 */
public final class StageTaskTimes extends SparkListener {
    /** The property Spark stores a job's description under ({@code SparkContext.setJobDescription}). */
    private static final String JOB_DESCRIPTION = "spark.job.description";
    /** How long {@link #stages} waits for queued listener events at most. */
    private static final long BUS_WAIT_MS = 10_000;
    private static final Logger LOG = LogManager.getLogger(StageTaskTimes.class);

    /**
     * One stage: its id, its name (the step of the run that submitted it, then Spark's call site), how many tasks
     * succeeded, the median and the slowest task's run time, the slowest over the median, and whether its tasks read
     * shuffled rows (where a key's rows meet in one task; a scan's tasks read files instead).
     */
    public record Stage(int stageId, String name, int tasks, long medianTaskMs, long maxTaskMs, double maxOverMedian,
                        boolean readsShuffle) {
    }

    private final SparkSession spark;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<Integer, List<Long>> taskMs = new ConcurrentSkipListMap<>();
    private final Set<Integer> shuffleReaders = ConcurrentHashMap.newKeySet();

    private StageTaskTimes(SparkSession spark) {
        this.spark = spark;
    }

    /** A listener registered on {@code spark}'s context from now on. */
    public static StageTaskTimes attach(SparkSession spark) {
        StageTaskTimes listener = new StageTaskTimes(spark);
        spark.sparkContext().addSparkListener(listener);
        return listener;
    }

    public void detach() {
        spark.sparkContext().removeSparkListener(this);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
        String description = submitted.properties() == null ? null
                : submitted.properties().getProperty(JOB_DESCRIPTION);
        String site = submitted.stageInfo().name();
        names.put(submitted.stageInfo().stageId(), description == null ? site : description + ": " + site);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo().successful() && end.taskMetrics() != null) {
            taskMs.computeIfAbsent(end.stageId(), id -> Collections.synchronizedList(new ArrayList<>()))
                    .add(end.taskMetrics().executorRunTime());
            if (end.taskMetrics().shuffleReadMetrics().recordsRead() > 0) {
                shuffleReaders.add(end.stageId());
            }
        }
    }

    /** Every stage with a successful task so far, by stage id; waits for the listener bus to deliver its events. */
    public List<Stage> stages() {
        // Listener events arrive asynchronously: the last tasks' ends may still be queued (the bus's own wait).
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty(BUS_WAIT_MS);
        } catch (TimeoutException e) {
            LOG.warn("Spark's listener bus did not deliver its events in {} ms: the stages' task times may miss the "
                    + "last tasks", BUS_WAIT_MS);
        }
        List<Stage> stages = new ArrayList<>();
        taskMs.forEach((id, times) -> {
            long[] sorted;
            synchronized (times) {
                sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            stages.add(stage(id, names.getOrDefault(id, "stage " + id), sorted, shuffleReaders.contains(id)));
        });
        return stages;
    }

    static Stage stage(int id, String name, long[] sortedMs, boolean readsShuffle) {
        long median = median(sortedMs);
        long max = sortedMs[sortedMs.length - 1];
        double ratio = max / (double) Math.max(median, 1); // a median under 1 ms counts as 1 ms
        return new Stage(id, name, sortedMs.length, median, max, Math.round(ratio * 100) / 100.0, readsShuffle);
    }

    private static long median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
    }
}
