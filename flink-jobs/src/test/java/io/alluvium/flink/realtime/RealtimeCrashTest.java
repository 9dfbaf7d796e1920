package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.ServingKeys;
import io.alluvium.domain.Topic;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.GeneratedLoad;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.RealtimeRun;
import io.alluvium.flink.testing.StoreDifference;
import io.alluvium.flink.testing.StoreSnapshot;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.RunningJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The realtime job as the CLI runs it (a child JVM of this module) on generated events arriving while
 * it runs, crashed two ways: the job killed with SIGKILL, and the serving store's redis-server killed
 * with SIGKILL and started again. After the job has caught up, the whole serving store must equal what
 * an uncrashed run writes: a run from scratch (no state, empty store) over the same log, and the job
 * must have counted every record in the topics.
 */
class RealtimeCrashTest {
    /** The generator sends this many events per scenario, at {@link #RATE} a second: about 8 s of traffic. */
    private static final String EVENTS = "16000";
    private static final String RATE = "2000";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    private static EmbeddedPlatform platform;
    private final List<RunningJob> jobs = new ArrayList<>();

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.startWithServingStore(dataDir, Map.of(
                "realtime.checkpoint-interval", "1s",
                // the backend for state beyond the heap, with incremental checkpoints; the other realtime tests
                // run on the default, the heap
                AlluviumSettings.REALTIME_STATE_BACKEND, "rocksdb",
                AlluviumSettings.GENERATOR_EVENTS, EVENTS,
                AlluviumSettings.GENERATOR_RATE, RATE));
    }

    @AfterEach
    void stopJobs() {
        jobs.forEach(RunningJob::kill);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aJobKilledMidRunCatchesUpToWhatAnUncrashedRunWrites() throws Exception {
        CompletableFuture<Void> sending = GeneratedLoad.sendInBackground(platform.config());
        RunningJob continuous = start("realtime");
        awaitCountedAbove(counted() + 1000);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> RestorePoint.latest(RealtimeJob.stateDir(platform.config())).isPresent());
        Thread.sleep(700); // between two checkpoints, with writes in flight

        continuous.kill();
        assertThat(continuous.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(continuous.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        sending.get(2, TimeUnit.MINUTES);
        assertTheKilledJobLeftAnIncrementalCheckpointOnlyRocksDbResumes();

        runUntilCaughtUp();

        assertEqualsAnUncrashedRun();
    }

    @Test
    void aServingStoreKilledMidRunAndStartedAgainEndsExact() throws Exception {
        CompletableFuture<Void> sending = GeneratedLoad.sendInBackground(platform.config());
        RunningJob continuous = start("realtime");
        awaitCountedAbove(counted() + 1000);

        platform.killRedisServer();
        Thread.sleep(1_000); // the job's writes fail; Flink restarts it from its last checkpoint
        platform.startServingStore();
        sending.get(2, TimeUnit.MINUTES);

        long records = inTopics();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(counted()).as(() -> "records counted vs records in the topics\n" + countsReport())
                        .isEqualTo(records));
        continuous.stop(Duration.ofMinutes(2));
        assertThat(continuous.process().exitValue()).as("still running, then stopped cleanly").isZero();

        assertEqualsAnUncrashedRun();
    }

    /**
     * RocksDB checkpoints incrementally; such a checkpoint cannot be read by the heap
     * backend, and a run configured so is refused in one line before Flink starts, with the ways out.
     */
    private static void assertTheKilledJobLeftAnIncrementalCheckpointOnlyRocksDbResumes() {
        AlluviumConfig config = platform.config();
        assertThat(RestorePoint.latest(RealtimeJob.stateDir(config)))
                .hasValueSatisfying(point -> assertThat(point.incremental()).as("incremental: " + point).isTrue());
        AlluviumConfig onHeap = config.with(Map.of(AlluviumSettings.REALTIME_STATE_BACKEND, "hashmap"), "test");
        assertThatThrownBy(() -> new RealtimeJob(onHeap).run(true, new ProtocolCapture().protocol(), new StopRequest()))
                .isInstanceOf(ChildProtocol.BadInputException.class)
                .hasMessageContaining("holds RocksDB files, which realtime.state-backend=hashmap cannot read")
                .hasMessageContaining("stop it cleanly")
                .hasMessageContaining(RealtimeJob.stateDir(config).toString());
    }

    /** The store as it is now must equal a run from scratch over the same log; every record is counted. */
    private void assertEqualsAnUncrashedRun() throws Exception {
        Map<String, String> afterCrash = StoreSnapshot.of(platform.config());
        assertThat(counted()).as(() -> "records counted vs records in the topics\n" + countsReport())
                .isEqualTo(inTopics());

        try (Jedis redis = redis()) {
            redis.flushAll();
        }
        RealtimeRun.loseAllState(platform.config());
        runUntilCaughtUp();
        Map<String, String> uncrashed = StoreSnapshot.of(platform.config());

        assertThat(afterCrash).hasSizeGreaterThan(20);
        String difference = StoreDifference.between("after the crash", afterCrash, "uncrashed", uncrashed);
        if (!difference.isEmpty()) {
            throw new AssertionError(difference + "counts after the crash: " + counts(afterCrash)
                    + "\ncounts uncrashed: " + counts(uncrashed) + "\ndata dir (kept): " + dataDir);
        }
    }

    /** The counts hashes of a snapshot, by key. */
    private static Map<String, String> counts(Map<String, String> snapshot) {
        Map<String, String> counts = new TreeMap<>();
        snapshot.forEach((key, value) -> {
            if (key.endsWith(":counts")) {
                counts.put(key, value);
            }
        });
        return counts;
    }

    /** Per topic: the records in its partitions, and the counts hash the job wrote for it. */
    private static String countsReport() {
        StringBuilder report = new StringBuilder();
        Map<String, Long> perTopic = new TreeMap<>();
        try (KafkaLogEnds log = new KafkaLogEnds(KafkaEndpoints.bootstrapServers(platform.config()))) {
            Map<TopicPartition, Long> earliest = log.earliest();
            log.latest().forEach((tp, end) -> perTopic.merge(tp.topic(), end - earliest.getOrDefault(tp, 0L),
                    Long::sum));
        }
        try (Jedis redis = redis()) {
            for (Topic topic : RealtimePipeline.TOPICS) {
                report.append("  ").append(topic.topicName()).append(": ")
                        .append(perTopic.getOrDefault(topic.topicName(), 0L)).append(" records in the topic, ")
                        .append(ServingKeys.counts(topic.topicName())).append(" = ")
                        .append(new TreeMap<>(redis.hgetAll(ServingKeys.counts(topic.topicName())))).append('\n');
            }
        } catch (RuntimeException e) {
            report.append("  counts unreadable: ").append(e).append('\n');
        }
        return report.append("  data dir (kept): ").append(dataDir).toString();
    }

    private RunningJob start(String name, String... args) {
        RunningJob job = platform.startJob(name, RealtimeJobMain.class, args);
        jobs.add(job);
        return job;
    }

    private void runUntilCaughtUp() {
        RunningJob.Outcome outcome = start("realtime-catch-up", StreamingJobMain.UNTIL_CAUGHT_UP).await(message -> { });
        assertThat(outcome.succeeded()).as(outcome.failureMessage()).isTrue();
        System.out.println("realtime, catch-up run: " + outcome.result());
    }

    private static void awaitCountedAbove(long records) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> counted() > records);
    }

    private static long counted() {
        try (Jedis redis = redis()) {
            return ProcessedRecords.counted(redis);
        } catch (RuntimeException e) {
            return 0; // the store is down
        }
    }

    private static long inTopics() {
        try (KafkaLogEnds log = new KafkaLogEnds(KafkaEndpoints.bootstrapServers(platform.config()))) {
            return ProcessedRecords.inTopics(log);
        }
    }

    private static Jedis redis() {
        return ServingStoreAddress.of(platform.config()).connect();
    }
}
