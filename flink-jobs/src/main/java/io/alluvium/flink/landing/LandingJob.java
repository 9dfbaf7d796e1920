package io.alluvium.flink.landing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.JobEnvironment;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.run.StreamingRun;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.FlinkCluster;
import io.alluvium.runtime.KafkaEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing run ({@code stream start landing}): Kafka → {@code bronze.<topic>}, exactly once. It resumes the newest
 * complete snapshot of the previous run if there is one, else starts after what Bronze already holds;
 * then it follows Bronze's commits until the run ends, either when everything that was in the topics at
 * its start is committed ({@code untilCaughtUp}) or when a stop is requested. Both ways end with a final
 * savepoint (stop-with-savepoint), which commits the last data and is where the next run resumes.
 */
public final class LandingJob implements StreamingJobMain.Job {
    private static final Logger LOG = LoggerFactory.getLogger(LandingJob.class);
    private static final String STAGE = "landing";
    private static final Duration RETARGET = Duration.ofSeconds(10);

    private final AlluviumConfig config;
    private final LandingTarget target;
    private final Configuration observers;

    /** The platform's landing into {@code bronze.*}. */
    public LandingJob(AlluviumConfig config) {
        this(config, LandingTarget.bronze(config), new Configuration());
    }

    /**
     * @param target    the tables, state directory and consumer group of the run
     * @param observers Flink settings that only watch the job (the bench's trace reporter); empty otherwise
     */
    public LandingJob(AlluviumConfig config, LandingTarget target, Configuration observers) {
        this.config = config;
        this.target = target;
        this.observers = observers;
    }

    /**
     * Runs until caught up or until {@code stop} is requested.
     *
     * @return the result line's JSON
     */
    @Override
    public String run(boolean untilCaughtUp, ChildProtocol out, StopRequest stop) throws Exception {
        long started = System.currentTimeMillis();
        Path stateDir = target.stateDir();
        String bootstrap = KafkaEndpoints.bootstrapServers(config);
        try (BronzeCatalog catalog = BronzeCatalog.open(config, target.namespace());
             KafkaLogEnds log = new KafkaLogEnds(bootstrap)) {
            Map<Topic, LandedOffsets> landed = new EnumMap<>(Topic.class);
            Map<Topic, Long> rowsBefore = new EnumMap<>(Topic.class);
            for (Map.Entry<Topic, Table> e : catalog.createMissingTables().entrySet()) {
                LandedOffsets offsets = new LandedOffsets(e.getKey(), e.getValue());
                landed.put(e.getKey(), offsets);
                rowsBefore.put(e.getKey(), offsets.rows());
            }
            Map<TopicPartition, Long> earliest = log.earliest();
            CatchUp catchUp = new CatchUp(landed, earliest, log.latest());
            Optional<RestorePoint> resume = RestorePoint.latest(stateDir);
            JobID jobId = RestorePoint.jobId(stateDir, resume, FlinkCluster.of(config).isPresent());
            LOG.info("Landing job {} into {} starts {}; target {} records", jobId, target.namespace(),
                    resume.map(r -> "from " + r.path()).orElse("after what Bronze holds"), catchUp.total());

            String savepoint = null;
            if (!(untilCaughtUp && catchUp.reached())) {
                StreamExecutionEnvironment env = JobEnvironment.create(FlinkCluster.of(config), stateDir, jobId,
                        resume, config.getInt(AlluviumSettings.LANDING_PARALLELISM),
                        config.getDuration(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL), observers);
                LandingPipeline.define(env, config, bootstrap, startOffsets(landed, earliest), catalog,
                        target.consumerGroup());
                JobClient job = env.executeAsync("alluvium-landing");
                savepoint = StreamingRun.follow(job, STAGE, RestorePoint.savepoints(stateDir),
                        progress(landed, catchUp, log, untilCaughtUp, out), stop);
            }
            landed.values().forEach(LandedOffsets::refresh);
            // Flink commits the group's positions when a checkpoint completes, not the final savepoint's: without
            // this, the group would stay a checkpoint behind what Bronze holds, and look like lag
            Map<TopicPartition, Long> next = new HashMap<>();
            landed.values().forEach(l -> next.putAll(l.nextOffsets()));
            if (!next.isEmpty()) {
                log.commit(target.consumerGroup(), next);
            }
            if (!untilCaughtUp) {
                catchUp.retarget(log.latest()); // "caught up" then means: with the log as it is now
            }
            out.progress(STAGE, catchUp.done(), catchUp.total());
            LandingReport report = new LandingReport();
            for (Topic topic : Topic.values()) {
                report.topic(landed.get(topic), rowsBefore.get(topic), jobId, started);
            }
            double seconds = (System.currentTimeMillis() - started) / 1000.0;
            return report.toJson(seconds, resume.map(r -> r.path().toString()).orElse(null), savepoint,
                    catchUp.reached());
        }
    }

    /**
     * Landing's progress: what Bronze has committed of the target, which a continuous run moves to the log's
     * end every {@code RETARGET}; done when caught up with it, if the run is to end then.
     */
    private static StreamingRun.Progress progress(Map<Topic, LandedOffsets> landed, CatchUp catchUp, KafkaLogEnds log,
            boolean untilCaughtUp, ChildProtocol out) {
        long[] lastRetarget = {System.nanoTime()};
        return () -> {
            landed.values().forEach(LandedOffsets::refresh);
            if (!untilCaughtUp && System.nanoTime() - lastRetarget[0] > RETARGET.toNanos()) {
                catchUp.retarget(log.latest());
                lastRetarget[0] = System.nanoTime();
            }
            out.progress(STAGE, catchUp.done(), catchUp.total());
            return untilCaughtUp && catchUp.reached();
        };
    }

    /**
     * Partitions without restored state start after their last landed offset, or at their earliest one.
     * Every partition is named: Kafka's source would start one it is not given at the consumer group's
     * committed position, which after lost or dropped tables lies past records the tables never got.
     */
    private static Map<TopicPartition, Long> startOffsets(Map<Topic, LandedOffsets> landed,
            Map<TopicPartition, Long> earliest) {
        Map<TopicPartition, Long> start = new HashMap<>(earliest);
        landed.values().forEach(l -> start.putAll(l.nextOffsets()));
        return start;
    }
}
