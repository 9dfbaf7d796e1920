package io.alluvium.flink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.realtime.ProcessedRecords;
import io.alluvium.flink.realtime.RealtimeJob;
import io.alluvium.flink.realtime.RealtimePipeline;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.realtime.serving.ServingStoreSink;
import io.alluvium.flink.realtime.serving.ServingWrite;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratedRecord;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.SendReport;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.KafkaEndpoints;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import redis.clients.jedis.Jedis;

/**
 * The realtime bench (docs/benchmarks.md), on the records the bench command generated into the topics:
 * <ol>
 * <li>throughput: the realtime dataflow replays them bounded, alternately into a discarding sink and into
 *     the serving store (flushed before each round), best round each; the serving store's round must count
 *     every record;</li>
 * <li>freshness: the realtime job runs live (as {@code stream start realtime} does), catches up the same
 *     records, then the generator sends at 20 %, 40 %, … 100 % of {@code --rate} for {@code --seconds} each,
 *     a live stream: each step's event times go on from where the history (or the step before) ended and
 *     advance with the wall clock
 *     (each step's records rendered before it, as Kafka's ProducerPerformance does, so that only sending
 *     them shares the cores with the broker and the job) while {@link FreshnessProbes} measure
 *     send-to-readable; the highest rate whose p99 is ≤ 1 s is the sustainable one;</li>
 * <li>backpressure: a burst at twice the sustainable rate: how far the job falls behind and how long after
 *     the burst it has counted every record; at the end every record in the topics must be counted.</li>
 * </ol>
 */
final class RealtimeBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 2;
    private static final double[] SWEEP = {0.2, 0.4, 0.6, 0.8, 1.0};
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);
    private static final long SAMPLE_MILLIS = 250;

    private final AlluviumConfig config;
    private final ChildProtocol out;
    private final String bootstrap;
    private final ServingStoreAddress store;

    RealtimeBench(AlluviumConfig config, ChildProtocol out) {
        this.config = config;
        this.out = out;
        this.bootstrap = KafkaEndpoints.bootstrapServers(config);
        this.store = ServingStoreAddress.of(config);
    }

    String run(long rate, Duration stepDuration) throws Exception {
        try (KafkaLogEnds log = new KafkaLogEnds(bootstrap); Jedis redis = store.connect()) {
            long backlog = ProcessedRecords.inTopics(log);
            if (backlog == 0) {
                throw new ChildProtocol.BadInputException("the topics " + RealtimePipeline.TOPICS + " hold " + backlog
                        + " records: generate events first (alluvium generate)");
            }
            List<Double> discarding = new ArrayList<>();
            List<Double> serving = new ArrayList<>();
            boolean allCounted = true;
            for (int round = 1; round <= ROUNDS; round++) {
                String stage = "round " + round + "/" + ROUNDS + ": ";
                redis.flushDB();
                out.progress(stage + "replay into a discarding sink", 0, 1);
                discarding.add(replay(new DiscardingSink<>(), "discarding-" + round));
                redis.flushDB();
                out.progress(stage + "replay into the serving store", 0, 1);
                serving.add(replay(ServingStoreSink.of(config), "serving-" + round));
                allCounted &= ProcessedRecords.counted(redis) == backlog;
            }
            redis.flushDB();
            List<LiveStep> steps = live(log, redis, backlog, rate, stepDuration);
            long inTopics = ProcessedRecords.inTopics(log);
            long counted = ProcessedRecords.counted(redis);
            return report(backlog, discarding, serving, allCounted, steps, inTopics, counted, rate);
        }
    }

    /** One bounded replay of the topics with fresh state; its net runtime in seconds. */
    private double replay(Sink<ServingWrite> sink, String name) throws Exception {
        Path stateDir = DataDir.of(config).checkpoints().resolve("bench-realtime").resolve(name);
        StreamExecutionEnvironment env = RealtimeJob.environment(config, stateDir, new JobID(), Optional.empty());
        RealtimePipeline.define(env, config, sink, true);
        return env.execute("alluvium-realtime-bench-" + name).getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0;
    }

    private List<LiveStep> live(KafkaLogEnds log, Jedis redis, long backlog, long rate, Duration stepDuration)
            throws Exception {
        StopRequest stop = new StopRequest();
        ChildProtocol quiet = new ChildProtocol(new PrintStream(OutputStream.nullOutputStream()));
        FutureTask<String> job = new FutureTask<>(() -> new RealtimeJob(config).run(false, quiet, stop));
        Thread runner = new Thread(job, "realtime-job");
        runner.start();
        List<LiveStep> steps = new ArrayList<>();
        try {
            out.progress("live job: catching up the replayed records", 0, backlog);
            awaitCounted(backlog, redis, job, "catching up the replayed records");
            StreamClock clock = new StreamClock();
            // the live stream goes on from where the replayed history ends, in real time
            long streamMillis = GeneratorPlan.from(config).startMillis();
            try (FreshnessProbes probes = new FreshnessProbes(bootstrap, store, clock::now)) {
                for (double share : SWEEP) {
                    long stepRate = Math.max(1, Math.round(rate * share));
                    steps.add(step(String.format(Locale.ROOT, "live at %,d/s", stepRate), stepRate, stepDuration,
                            streamMillis, probes, clock, log, redis, job));
                    streamMillis += stepDuration.toMillis();
                }
                long sustainable = steps.stream().filter(LiveStep::freshWithinOneSecond)
                        .mapToLong(LiveStep::targetRate).max().orElse(steps.get(0).targetRate());
                steps.add(step(String.format(Locale.ROOT, "burst at 2 × %,d/s", sustainable), 2 * sustainable,
                        stepDuration, streamMillis, probes, clock, log, redis, job));
            }
            awaitCounted(ProcessedRecords.inTopics(log), redis, job, "counting the last records");
        } finally {
            stop.request();
        }
        try {
            job.get(CATCH_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the live realtime job failed: " + e.getCause().getMessage(), e);
        }
        return steps;
    }

    /** One live step: its events' times span {@code duration} from {@code streamMillis}, as they are sent. */
    private LiveStep step(String name, long rate, Duration duration, long streamMillis, FreshnessProbes probes,
            StreamClock clock, KafkaLogEnds log, Jedis redis, FutureTask<String> job) throws Exception {
        long events = Math.max(1, rate * duration.toSeconds());
        AlluviumConfig load = config.with(Map.of(
                AlluviumSettings.GENERATOR_EVENTS, Long.toString(events),
                AlluviumSettings.GENERATOR_RATE, Long.toString(rate),
                AlluviumSettings.GENERATOR_BURST_FACTOR, "1"), "realtime bench");
        GeneratorPlan plan = GeneratorPlan.from(load).over(streamMillis, duration.toMillis());
        // made before the clock starts, so that making them takes no CPU from the job while the load is timed
        out.progress(name + ": rendering its records", 0, events);
        List<GeneratedRecord> records = new ArrayList<>((int) plan.totalRecords());
        new EventGenerator(plan).all().forEachRemaining(records::add);
        AtomicLong maxBacklog = new AtomicLong();
        try (Jedis sampling = store.connect()) {
            Thread sampler = new Thread(() -> sampleBacklog(log, sampling, maxBacklog), "backlog-sampler");
            probes.drain();
            clock.start(plan.startMillis(), plan.spanMillis(), duration.toNanos());
            long started = System.nanoTime();
            sampler.start();
            try {
                SendReport sent = KafkaPublisher.of(load).publish(plan, records.iterator(),
                        (done, total) -> out.progress(name, done, total));
                double seconds = (System.nanoTime() - started) / 1e9;
                List<Long> freshness = probes.drain();
                long loadEnded = System.nanoTime();
                awaitCounted(ProcessedRecords.inTopics(log), redis, job, name);
                double catchUp = (System.nanoTime() - loadEnded) / 1e9;
                return new LiveStep(name, rate, sent.sent() / seconds, seconds, freshness, maxBacklog.get(), catchUp);
            } finally {
                sampler.interrupt();
                sampler.join();
            }
        }
    }

    /** Records in the topics not yet counted by the job, every {@link #SAMPLE_MILLIS}: the most is kept. */
    private static void sampleBacklog(KafkaLogEnds log, Jedis redis, AtomicLong max) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(ProcessedRecords.inTopics(log) - ProcessedRecords.counted(redis), Math::max);
                Thread.sleep(SAMPLE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the job has counted {@code records}; fails if the job ends or does not get there in time. */
    private static void awaitCounted(long records, Jedis redis, FutureTask<String> job, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (ProcessedRecords.counted(redis) < records) {
            if (job.isDone()) {
                try {
                    job.get();
                    throw new IllegalStateException("the live realtime job ended while " + what);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the live realtime job failed while " + what + ": "
                            + e.getCause().getMessage(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(new TimeoutException("the live realtime job counted "
                        + ProcessedRecords.counted(redis) + " of " + records + " records after " + CATCH_UP_LIMIT
                        + " while " + what));
            }
            Thread.sleep(100);
        }
    }

    private String report(long backlog, List<Double> discarding, List<Double> serving, boolean allCounted,
            List<LiveStep> steps, long inTopics, long counted, long rate) {
        double bestDiscarding = discarding.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double bestServing = serving.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        LiveStep atRate = steps.get(SWEEP.length - 1);
        LiveStep burst = steps.get(steps.size() - 1);
        ObjectNode root = JSON.createObjectNode();
        root.put("bench", "realtime");
        root.put("records", backlog);
        ArrayNode measures = root.putArray("measures");
        replayMeasure(measures, "bounded replay, serving store sink", backlog, bestServing, serving);
        replayMeasure(measures, "bounded replay, discarding sink", backlog, bestDiscarding, discarding);
        for (LiveStep step : steps) {
            ObjectNode m = measures.addObject();
            m.put("name", step.name());
            m.put("records_per_s", Math.round(step.achievedRate()));
            m.put("seconds", round(step.seconds()));
            m.put("freshness_p50_ms", step.percentile(50));
            m.put("freshness_p95_ms", step.percentile(95));
            m.put("freshness_p99_ms", step.percentile(99));
            m.put("probes", step.freshnessMillis().size());
            m.put("max_records_waiting", step.maxBacklog());
            m.put("all_counted_after_load_s", round(step.catchUpSeconds()));
        }
        ArrayNode comparisons = root.putArray("comparisons");
        BenchComparisons.add(comparisons, "throughput: serving store vs discarding sink", bestDiscarding / bestServing,
                ">= 0.85", 0.85, true);
        // the freshness at the top step is only at the target rate if the load got there: say both
        BenchComparisons.add(comparisons, String.format(Locale.ROOT, "freshness p99 at %,.0f/s reached vs 1 s",
                atRate.achievedRate()), atRate.percentile(99) / 1000.0, "<= 1.0", 1.0, false);
        BenchComparisons.add(comparisons, String.format(Locale.ROOT, "input rate reached vs the target %,d/s", rate),
                atRate.achievedRate() / rate, ">= 0.95", 0.95, true);
        // ratio 1 or 0: ">= 1" is "= 1", written so that the CLI's comparison reader takes it
        BenchComparisons.add(comparisons, "every record counted (replays and live run)",
                allCounted && counted == inTopics ? 1.0 : 0.0, ">= 1.0", 1.0, true);
        ArrayNode notes = root.putArray("notes");
        // the rate the load reached, not the one it aimed at: on a busy machine the generator falls short
        double sustainable = steps.subList(0, SWEEP.length).stream().filter(LiveStep::freshWithinOneSecond)
                .mapToDouble(LiveStep::achievedRate).max().orElse(0);
        notes.add(sustainable > 0
                ? String.format(Locale.ROOT, "highest input rate reached with freshness p99 <= 1 s: %,.0f events/s",
                        sustainable)
                : String.format(Locale.ROOT, "no rate tried kept freshness p99 <= 1 s (lowest tried: %,d events/s)",
                        steps.get(0).targetRate()));
        steps.forEach(step -> notes.add(step.summary()));
        notes.add(String.format(Locale.ROOT, "backpressure: at %,d events/s up to %,d records waited in Kafka (none "
                + "lost: %,d records in the topics, %,d counted at the end); the job had counted them all %.1f s after "
                + "the burst ended", burst.targetRate(), burst.maxBacklog(), inTopics, counted, burst.catchUpSeconds()));
        notes.add("the job reads " + RealtimePipeline.TOPICS + " with its state in "
                + config.getString(AlluviumSettings.REALTIME_STATE_BACKEND) + " (" + AlluviumSettings.REALTIME_STATE_BACKEND
                + "); the live steps are a live stream: their event times go on from the replayed history's end "
                + "with the wall clock, so state builds up as it does in production; rates are of all events the "
                + "generator sends (60 % clickstream, 20 % orders, 20 % payments), each step's rendered before it is timed; "
                + "freshness: producer send → key readable in Redis, of probe orders sent every "
                + FreshnessProbes.PROBE_INTERVAL_MILLIS + " ms beside the load");
        notes.add(String.format(Locale.ROOT, "replays: best of %d rounds each, run alternately, fresh state each; "
                + "seconds are the Flink job's net runtime (incl. its deployment, the same for both sinks)", ROUNDS));
        return root.toString();
    }

    private static void replayMeasure(ArrayNode measures, String name, long records, double best, List<Double> rounds) {
        ObjectNode m = measures.addObject();
        m.put("name", name);
        m.put("records_per_s", Math.round(records / best));
        m.put("seconds", round(best));
        ArrayNode each = m.putArray("rounds_seconds");
        rounds.forEach(s -> each.add(round(s)));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
