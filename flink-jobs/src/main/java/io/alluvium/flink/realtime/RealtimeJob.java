package io.alluvium.flink.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.StreamJob;
import io.alluvium.domain.ServingKeys;
import io.alluvium.flink.realtime.fraud.Alert;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.realtime.serving.ServingStoreSink;
import io.alluvium.flink.realtime.source.TopicSource;
import io.alluvium.flink.run.ConsumedOffsets;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.JobEnvironment;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.run.StreamingRun;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.FlinkCluster;
import io.alluvium.runtime.KafkaEndpoints;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The realtime run (flink-jobs/REALTIME.md): the topics of {@link RealtimePipeline} → live views in the serving store. Like the
 * landing run, it resumes the newest complete snapshot of the previous run ({@link RestorePoint}, same
 * job id) and ends with a final savepoint, either when the records that were in its topics at its start
 * are covered by a completed checkpoint ({@code untilCaughtUp}) or when a stop is requested. A run
 * without a snapshot replays the topic from its first offset; since every write is an absolute value,
 * the store then converges to the same totals.
 */
public final class RealtimeJob implements StreamingJobMain.Job {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeJob.class);
    private static final String STAGE = "realtime";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlluviumConfig config;

    public RealtimeJob(AlluviumConfig config) {
        this.config = config;
    }

    /** Where the realtime job keeps its checkpoints, savepoints and job id. */
    public static Path stateDir(AlluviumConfig config) {
        return DataDir.of(config).streamState(StreamJob.REALTIME);
    }

    /** Runs until caught up or until {@code stop} is requested; returns the result line's JSON. */
    @Override
    public String run(boolean untilCaughtUp, ChildProtocol out, StopRequest stop) throws Exception {
        long started = System.currentTimeMillis();
        Path stateDir = stateDir(config);
        String bootstrap = KafkaEndpoints.bootstrapServers(config);
        ServingStoreAddress store = ServingStoreAddress.of(config);
        try (KafkaLogEnds log = new KafkaLogEnds(bootstrap);
             ConsumedOffsets consumed = new ConsumedOffsets(bootstrap, TopicSource.GROUP_ID);
             HeapFit heap = new HeapFit(config, stateDir)) {
            requireReachable(store);
            Map<TopicPartition, Long> target = read(log.latest());
            Map<TopicPartition, Long> earliest = read(log.earliest());
            long total = target.values().stream().mapToLong(Long::longValue).sum();
            Optional<RestorePoint> resume = RestorePoint.latest(stateDir);
            resume.ifPresent(point -> RealtimeStateBackend.requireReadable(config, point));
            JobID jobId = RestorePoint.jobId(stateDir, resume, FlinkCluster.of(config).isPresent());
            if (resume.isEmpty()) {
                consumed.reset();
            }
            LOG.info("Realtime job {} starts {}; writes to {}", jobId,
                    resume.map(r -> "from " + r.path()).orElse("at the start of the log"), store);

            String savepoint = null;
            if (!(untilCaughtUp && consumed.behind(target, earliest) == 0)) {
                StreamExecutionEnvironment env = environment(config, stateDir, jobId, resume);
                RealtimePipeline.define(env, config, ServingStoreSink.of(config), false);
                JobClient job = env.executeAsync("alluvium-realtime");
                boolean[] outgrown = {false};
                savepoint = StreamingRun.follow(job, STAGE, RestorePoint.savepoints(stateDir), () -> {
                    long behind = consumed.behind(target, earliest);
                    out.progress(STAGE, total - behind, total);
                    outgrown[0] = heap.outgrown();
                    return outgrown[0] || (untilCaughtUp && behind == 0);
                }, stop);
                if (outgrown[0]) {
                    throw heap.outgrownError(savepoint);
                }
            }
            long behind = consumed.behind(target, earliest);
            out.progress(STAGE, total - behind, total);
            ObjectNode result = JSON.createObjectNode()
                    .put("job", STAGE)
                    .put("caught_up", behind == 0)
                    .put("seconds", (System.currentTimeMillis() - started) / 1000.0)
                    .put("resumed_from", resume.map(r -> r.path().toString()).orElse(null))
                    .put("savepoint", savepoint)
                    .put("serving_store", store.toString());
            heap.putInto(result);
            putCounts(result, store);
            return JSON.writeValueAsString(result);
        }
    }

    /**
     * The Flink environment of a realtime run (also the bench's replays): exactly-once checkpoints at
     * {@code realtime.checkpoint-interval}, {@code realtime.parallelism}, the realtime state backend, and network
     * buffers sent on after {@code realtime.flush-interval} at the latest.
     */
    public static StreamExecutionEnvironment environment(AlluviumConfig config, Path stateDir, JobID jobId,
            Optional<RestorePoint> resume) {
        StreamExecutionEnvironment env = JobEnvironment.create(FlinkCluster.of(config), stateDir, jobId, resume,
                config.getInt(AlluviumSettings.REALTIME_PARALLELISM),
                config.getDuration(AlluviumSettings.REALTIME_CHECKPOINT_INTERVAL), RealtimeStateBackend.settings(config));
        // a record waits at most this long in a network buffer at each hop (Flink's default, 100 ms, was
        // most of the freshness of a value at low rates)
        env.setBufferTimeout(config.getDuration(AlluviumSettings.REALTIME_FLUSH_INTERVAL).toMillis());
        return env;
    }

    /**
     * The counts as the store holds them at the end, read on a connection of their own (the store may
     * have been restarted during the run); if it is down now, the run's work is still in its savepoint,
     * and the result says why the counts are missing.
     */
    private static void putCounts(ObjectNode result, ServingStoreAddress store) {
        ObjectNode counts = JSON.createObjectNode();
        try (Jedis redis = store.connect()) {
            List<String> streams = new ArrayList<>();
            RealtimePipeline.TOPICS.forEach(topic -> streams.add(topic.topicName()));
            streams.add(Alert.COUNTS);
            for (String stream : streams) {
                ObjectNode of = counts.putObject(stream);
                new TreeMap<>(redis.hgetAll(ServingKeys.counts(stream))).forEach((name, count) -> of.put(name,
                        Long.parseLong(count)));
            }
            result.set("counts", counts);
        } catch (JedisException e) {
            result.putNull("counts");
            result.put("counts_unavailable", "the serving store at " + store + " did not answer: " + e.getMessage());
        }
    }

    /** An unreachable store or a wrong password is one line naming the settings, before Flink starts. */
    private static void requireReachable(ServingStoreAddress store) {
        try (Jedis redis = store.connect()) {
            redis.ping();
        } catch (JedisException e) {
            throw new ChildProtocol.BadInputException("cannot use the serving store at " + store + " ("
                    + e.getMessage() + "): is it up (alluvium up)? check serving.redis-url and serving.password");
        }
    }

    /** The offsets of the partitions of the topics the realtime job reads. */
    private static Map<TopicPartition, Long> read(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream()
                .filter(e -> RealtimePipeline.TOPICS.stream().anyMatch(t -> t.topicName().equals(e.getKey().topic())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
