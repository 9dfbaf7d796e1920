package io.alluvium.flink.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.flink.realtime.ProcessedRecords;
import io.alluvium.flink.realtime.RealtimeJob;
import io.alluvium.flink.realtime.RealtimePipeline;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.realtime.serving.ServingStoreSink;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.KafkaEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import redis.clients.jedis.Jedis;

/**
 * The realtime bench (docs/benchmarks.md), on the records the bench command generated into the topics:
 * <ol>
 * <li>throughput: the realtime dataflow replays them bounded, in alternating rounds into a discarding sink and
 *     into the serving store (flushed before each round), fresh state each, the medians counting; the serving
 *     store's rounds must count every record. Unless the records are fixed ({@code --events}, a test run), an
 *     unmeasured calibration replays size them so that a replay lasts at least 10 s, and the generator adds what
 *     the topics lack ({@link TopicTopUp});</li>
 * <li>freshness and backpressure: the {@link LivePhase}, steps of rising rate until one is overloaded, then a
 *     burst at twice the highest rate sustained;</li>
 * <li>at the end, every record in the topics must be counted.</li>
 * </ol>
 */
final class RealtimeBench {
    static final String SERVING = "bounded replay, serving store sink";
    static final String DISCARDING = "bounded replay, discarding sink";

    private final AlluviumConfig config;
    private final ChildProtocol out;
    private final String bootstrap;
    private final ServingStoreAddress store;

    /** One bounded replay: the Flink job's net runtime, and the records the store counted after it. */
    record Replay(double seconds, long counted) {
    }

    RealtimeBench(AlluviumConfig config, ChildProtocol out) {
        this.config = config;
        this.out = out;
        this.bootstrap = KafkaEndpoints.bootstrapServers(config);
        this.store = ServingStoreAddress.of(config);
    }

    /**
     * @param rate         the highest rate of the live steps
     * @param stepDuration how long each live step sends
     * @param fixedEvents  the events the bench command generated with {@code --events}, replayed as they are;
     *                     empty to size the replays
     * @return the result line's JSON
     */
    String run(long rate, Duration stepDuration, OptionalLong fixedEvents) throws Exception {
        try (KafkaLogEnds log = new KafkaLogEnds(bootstrap); Jedis redis = store.connect()) {
            long inTopics = ProcessedRecords.inTopics(log);
            if (inTopics == 0) {
                throw new ChildProtocol.BadInputException("the topics " + RealtimePipeline.TOPICS + " hold no "
                        + "records: generate events first (alluvium generate)");
            }
            long records = fixedEvents.isPresent() ? inTopics : sized(log, redis, inTopics);
            AlternatingRounds<Replay, Exception> alternating = new AlternatingRounds<>(AlternatingRounds.MIN_ROUNDS);
            Map<String, List<Replay>> replays = alternating
                    .contender(DISCARDING, round -> replay(new DiscardingSink<>(), "discarding-" + round, redis))
                    .contender(SERVING, round -> replay(ServingStoreSink.of(config), "serving-" + round, redis))
                    .run((round, all, contender) -> out.progress("round " + round + "/" + all + ": " + contender, 0, 1));
            redis.flushDB();
            LivePhase.Result live = new LivePhase(config, out, bootstrap, store)
                    .run(log, redis, records, rate, stepDuration);
            return new RealtimeBenchReport(config, records, rate, stepDuration, fixedEvents.isPresent())
                    .toJson(replays.get(DISCARDING), replays.get(SERVING), live, ProcessedRecords.inTopics(log),
                            ProcessedRecords.counted(redis));
        }
    }

    /**
     * Records for replays of at least 10 s: unmeasured replays into the discarding sink, the faster of the two,
     * give the rate ({@link RoundLength#calibrated}: the first, cold, on the records there are, then on the records
     * each one sized, until a warm one lasted 10 s); the generator adds the records the topics lack, for each
     * calibration replay and then for the replays it sized.
     *
     * @return the records in the topics, which every replay reads and the live job catches up
     */
    private long sized(KafkaLogEnds log, Jedis redis, long records) throws Exception {
        int[] round = {0};
        long wanted = RoundLength.calibrated(records, calibration -> {
            long inTopics = topUp(log, calibration, "calibration: adding %d events for replays of 10 s");
            round[0]++;
            out.progress("calibration " + round[0] + ": " + DISCARDING + ", " + inTopics + " records", 0, 1);
            return new RoundLength.Calibration(inTopics,
                    replay(new DiscardingSink<>(), "calibration-" + round[0], redis).seconds());
        });
        return topUp(log, wanted, "adding %d events for the sized replays");
    }

    /** Adds the events the topics lack for {@code wanted} records; returns the records in the topics then. */
    private long topUp(KafkaLogEnds log, long wanted, String stage) throws InterruptedException {
        long inTopics = ProcessedRecords.inTopics(log);
        if (wanted <= inTopics) {
            return inTopics;
        }
        TopicTopUp.add(config, wanted - inTopics, out, String.format(Locale.ROOT, stage, wanted - inTopics));
        return ProcessedRecords.inTopics(log);
    }

    /** One bounded replay of the topics into an emptied store, with fresh state. */
    private Replay replay(Sink<ServingWrite> sink, String name, Jedis redis) throws Exception {
        redis.flushDB();
        Path stateDir = DataDir.of(config).checkpoints().resolve("bench-realtime").resolve(name);
        StreamExecutionEnvironment env = RealtimeJob.environment(config, stateDir, new JobID(), Optional.empty());
        RealtimePipeline.define(env, config, sink, true);
        double seconds = env.execute("alluvium-realtime-bench-" + name).getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
        return new Replay(seconds, ProcessedRecords.counted(redis));
    }
}
