package io.alluvium.flink.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.bench.OverloadWatch.Cause;
import io.alluvium.flink.bench.OverloadWatch.Overload;
import io.alluvium.flink.realtime.ProcessedRecords;
import io.alluvium.flink.realtime.RealtimeJob;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.HeapWatch;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.SendReport;
import io.alluvium.runtime.ChildProtocol;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.Jedis;

/**
 * The live part of the realtime bench (docs/benchmarks.md, "bench realtime"): the realtime job runs in this JVM
 * as {@code stream start realtime} runs it and catches up the replayed records; then the generator sends at
 * 20 %, 40 %, … 100 % of the highest rate, a step each, a live stream whose event times go on from where the
 * history (or the step before) ended, while {@link FreshnessProbes} measure send-to-readable; then a burst at
 * twice the highest rate sustained, of at most {@link #BURST_LIMIT}. It never hangs: a step that cannot keep up ({@link OverloadWatch}: lag
 * growing, heap nearly full, GC time high) ends early as overloaded, and no step above it runs; after a step the
 * bench waits a bounded time for the job to count what was sent; once this JVM is overloaded (heap or GC),
 * nothing more runs.
 */
final class LivePhase {
    static final double[] SWEEP = {0.2, 0.4, 0.6, 0.8, 1.0};
    /**
     * The burst's length at most: enough to outrun the job and measure how it catches up, short enough that its
     * records, rendered ahead, leave the heap to the job.
     */
    static final Duration BURST_LIMIT = Duration.ofSeconds(10);
    /** The longest the bench waits for the job to count what it was sent. */
    static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);
    /** The longest the job may take to stop: its own stop with a savepoint times out after 5 minutes. */
    private static final Duration STOP_LIMIT = Duration.ofMinutes(6);
    private static final long POLL_MILLIS = 100;

    /**
     * What the live phase measured.
     *
     * @param sweep the steps of rising rate that ran, the last one overloaded if the sweep stopped early
     * @param burst the burst, unless it could not run
     * @param notes what did not run or end as planned, and why
     */
    record Result(List<LiveStep> sweep, Optional<LiveStep> burst, List<String> notes) {
        Result {
            sweep = List.copyOf(sweep);
            notes = List.copyOf(notes);
        }

        /** The step at the highest rate that kept freshness p99 within a second without being overloaded. */
        Optional<LiveStep> highestSustained() {
            return sweep.stream().filter(LiveStep::sustained).reduce((lower, higher) -> higher);
        }
    }

    private final AlluviumConfig config;
    private final ChildProtocol out;
    private final String bootstrap;
    private final ServingStoreAddress store;

    LivePhase(AlluviumConfig config, ChildProtocol out, String bootstrap, ServingStoreAddress store) {
        this.config = config;
        this.out = out;
        this.bootstrap = bootstrap;
        this.store = store;
    }

    /**
     * @param backlog the records in the topics, which the job catches up first
     * @param rate    the highest rate of the sweep
     */
    Result run(KafkaLogEnds log, Jedis redis, long backlog, long rate, Duration stepDuration) throws Exception {
        StopRequest stop = new StopRequest();
        ChildProtocol quiet = new ChildProtocol(new PrintStream(OutputStream.nullOutputStream()));
        FutureTask<String> job = new FutureTask<>(() -> new RealtimeJob(config).run(false, quiet, stop));
        Thread runner = new Thread(job, "realtime-job");
        runner.start();
        List<LiveStep> sweep = new ArrayList<>();
        Optional<LiveStep> burst = Optional.empty();
        List<String> notes = new ArrayList<>();
        Optional<Overload> jvmOverload = Optional.empty();
        try (HeapWatch heap = new HeapWatch(config.getDouble(AlluviumSettings.REALTIME_HEAP_LIMIT),
                OverloadWatch.HEAP_WINDOW)) {
            Watched watched = new Watched(log, redis, store, job, heap);
            out.progress("live job: catching up the replayed records", 0, backlog);
            Optional<Overload> behind = watched.awaitCounted(backlog);
            if (behind.isPresent()) {
                notes.add("no live step ran: the live job did not catch up the replayed records ("
                        + behind.get().reason() + ")");
                jvmOverload = behind.filter(o -> o.cause().ofTheJvm());
            } else {
                StreamClock clock = new StreamClock();
                // the live stream goes on from where the replayed history ends, in real time
                long streamMillis = GeneratorPlan.from(config).startMillis();
                try (FreshnessProbes probes = new FreshnessProbes(bootstrap, store, clock::now)) {
                    for (double share : SWEEP) {
                        long stepRate = Math.max(1, Math.round(rate * share));
                        LiveStep step = step(String.format(Locale.ROOT, "live at %,d/s", stepRate), stepRate,
                                OverloadWatch.ofLoad(stepRate), stepDuration, streamMillis, probes, clock, watched);
                        streamMillis += stepDuration.toMillis();
                        sweep.add(step);
                        if (step.overload().isPresent()) {
                            jvmOverload = step.overload().filter(o -> o.cause().ofTheJvm());
                            break;
                        }
                    }
                    OptionalLong sustained = sweep.stream().filter(LiveStep::sustained)
                            .mapToLong(LiveStep::targetRate).max();
                    if (jvmOverload.isPresent()) {
                        notes.add("no burst: this JVM was overloaded (" + jvmOverload.get().reason() + ")");
                    } else if (sustained.isEmpty()) {
                        notes.add("no burst: no step was sustained (freshness p99 <= 1 s, not overloaded)");
                    } else {
                        // meant to outrun the job: watched for the heap and the GC, not for lag
                        LiveStep done = step(String.format(Locale.ROOT, "burst at 2 × %,d/s", sustained.getAsLong()),
                                2 * sustained.getAsLong(), OverloadWatch.ofCatchUp(), burstDuration(stepDuration),
                                streamMillis,
                                probes, clock, watched);
                        burst = Optional.of(done);
                        jvmOverload = done.overload().filter(o -> o.cause().ofTheJvm());
                    }
                }
                if (jvmOverload.isEmpty()) {
                    watched.awaitCounted(ProcessedRecords.inTopics(log)).ifPresent(o -> notes.add(
                            "the bench stopped waiting for the job to count the last records (" + o.reason() + ")"));
                }
            }
        } finally {
            stop.request();
        }
        awaitStop(job, jvmOverload, notes);
        return new Result(sweep, burst, notes);
    }

    /** The burst lasts as long as a step, at most {@link #BURST_LIMIT}. */
    static Duration burstDuration(Duration stepDuration) {
        return stepDuration.compareTo(BURST_LIMIT) > 0 ? BURST_LIMIT : stepDuration;
    }

    /**
     * One live step: its events' times span {@code duration} from {@code streamMillis}, as they are sent; it ends
     * early once {@code watch} finds it overloaded. Then the bench waits for the job to count what it was sent.
     */
    private LiveStep step(String name, long rate, OverloadWatch watch, Duration duration, long streamMillis,
            FreshnessProbes probes, StreamClock clock, Watched watched) throws Exception {
        long events = Math.max(1, rate * duration.toSeconds());
        AlluviumConfig load = config.with(Map.of(
                AlluviumSettings.GENERATOR_EVENTS, Long.toString(events),
                AlluviumSettings.GENERATOR_RATE, Long.toString(rate),
                AlluviumSettings.GENERATOR_BURST_FACTOR, "1"), "realtime bench");
        GeneratorPlan plan = GeneratorPlan.from(load).over(streamMillis, duration.toMillis());
        // made before the clock starts, so that making them takes no CPU from the job while the load is timed
        out.progress(name + ": rendering its records", 0, events);
        RenderedLoad records = new RenderedLoad(new EventGenerator(plan).all(), Math.toIntExact(plan.totalRecords()));
        probes.drain();
        SendReport sent;
        double seconds;
        List<Long> freshness;
        long maxWaiting;
        Optional<Overload> overload;
        Optional<CpuMeter> cpu;
        try (LiveSampler sampler = new LiveSampler(watched.log(), store, watched.heap(), watch)) {
            clock.start(plan.startMillis(), plan.spanMillis(), duration.toNanos());
            cpu = CpuMeter.start();
            long started = System.nanoTime();
            sent = KafkaPublisher.of(load).publish(plan, records.handOut(() -> sampler.overload().isPresent()),
                    (done, total) -> out.progress(name, done, total));
            seconds = (System.nanoTime() - started) / 1e9;
            freshness = probes.drain();
            overload = sampler.overload();
            maxWaiting = sampler.maxRecordsWaiting();
        }
        long loadEnded = System.nanoTime();
        if (overload.filter(o -> o.cause().ofTheJvm()).isPresent()) {
            return new LiveStep(name, rate, sent.sent(), seconds, freshness, maxWaiting, OptionalDouble.empty(),
                    overload, Optional.empty());
        }
        Optional<Overload> behind = watched.awaitCounted(ProcessedRecords.inTopics(watched.log()));
        OptionalDouble countedAfter = behind.isEmpty()
                ? OptionalDouble.of((System.nanoTime() - loadEnded) / 1e9) : OptionalDouble.empty();
        // what the step's events cost, until the job had counted them all
        Optional<CpuMeter.Use> used = behind.isEmpty() ? cpu.flatMap(CpuMeter::stop) : Optional.empty();
        return new LiveStep(name, rate, sent.sent(), seconds, freshness, maxWaiting, countedAfter,
                overload.or(() -> behind), used);
    }

    /** The running job and what watches it while the bench waits. */
    private record Watched(KafkaLogEnds log, Jedis redis, ServingStoreAddress store, FutureTask<String> job,
                           HeapWatch heap) {

        /**
         * Waits until the job has counted {@code records}: empty then; else why the bench stopped waiting — this
         * JVM overloaded, or {@link #CATCH_UP_LIMIT} passed. A job that ends meanwhile fails the bench.
         */
        Optional<Overload> awaitCounted(long records) throws Exception {
            long started = System.nanoTime();
            try (LiveSampler sampler = new LiveSampler(log, store, heap, OverloadWatch.ofCatchUp())) {
                while (ProcessedRecords.counted(redis) < records) {
                    if (job.isDone()) {
                        throw jobEnded("while the bench waited for it to count " + records + " records");
                    }
                    if (sampler.overload().isPresent()) {
                        return sampler.overload();
                    }
                    if (System.nanoTime() - started > CATCH_UP_LIMIT.toNanos()) {
                        return Optional.of(new Overload(Cause.NOT_CAUGHT_UP, String.format(Locale.ROOT,
                                "the job had counted %,d of %,d records after %d min", ProcessedRecords.counted(redis),
                                records, CATCH_UP_LIMIT.toMinutes())));
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            }
            return Optional.empty();
        }

        private IllegalStateException jobEnded(String when) throws InterruptedException {
            try {
                job.get();
                return new IllegalStateException("the live realtime job ended " + when);
            } catch (ExecutionException e) {
                return new IllegalStateException("the live realtime job failed " + when + ": "
                        + e.getCause().getMessage(), e);
            }
        }
    }

    /**
     * Waits for the job to stop with its final savepoint. One that fails after this JVM was overloaded (it stops
     * itself when its state outgrows the heap) is told in the notes; any other failure fails the bench.
     */
    private static void awaitStop(FutureTask<String> job, Optional<Overload> jvmOverload, List<String> notes)
            throws InterruptedException {
        try {
            job.get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (jvmOverload.isEmpty()) {
                throw new IllegalStateException("the live realtime job failed: " + e.getCause().getMessage(), e);
            }
            notes.add("the live job stopped with: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            job.cancel(true);
            notes.add("the live job did not stop within " + STOP_LIMIT.toMinutes() + " min; the bench left it");
        }
    }
}
