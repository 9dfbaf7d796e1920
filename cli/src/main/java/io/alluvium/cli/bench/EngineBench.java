package io.alluvium.cli.bench;

import io.alluvium.cli.Console;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.jobs.Generation;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.JobMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A bench that an engine module measures in its own child JVM, because only there do its engine and its
 * baselines run: {@code bench landing} ({@link JobMain#LANDING_BENCH}),
 * {@code bench batch} ({@link JobMain#BATCH_BENCH}), {@code bench maintenance} ({@link JobMain#MAINTENANCE_BENCH}),
 * {@code bench skew} ({@link JobMain#SKEW_BENCH}) and {@code bench realtime}
 * ({@link JobMain#REALTIME_BENCH}). The CLI first puts the data in place on the scratch platform — landing
 * and realtime find {@code --events N} events (or {@link Bench#START_EVENTS}) generated into the topics,
 * batch, maintenance and skew find them landed in Bronze as well — then runs the main with the settings file; the main sizes its
 * rounds itself unless it is given {@code --events N} (fixed work, a test run), and prints one result line in
 * {@link BenchReport}'s shape.
 */
final class EngineBench implements Bench {
    static final String SKEW_ZIPF_EXPONENT = "2.0";
    static final long SKEW_START_EVENTS = 3_000_000;

    static final EngineBench LANDING = new EngineBench("landing", JobMain.LANDING_BENCH, AlluviumSettings.FLINK_HEAP,
            EngineBench::generate);
    static final EngineBench BATCH = new EngineBench("batch", JobMain.BATCH_BENCH, AlluviumSettings.SPARK_HEAP,
            EngineBench::generateAndLand);
    static final EngineBench MAINTENANCE = new EngineBench("maintenance", JobMain.MAINTENANCE_BENCH,
            AlluviumSettings.SPARK_HEAP, EngineBench::generateAndLand);
    /**
     * {@code bench skew}: its events are generated with one user holding 61 % of the clicks (Zipf exponent
     * {@value #SKEW_ZIPF_EXPONENT}), and enough of them for the join's tasks to outlast their overhead
     * ({@value #SKEW_START_EVENTS}; docs/benchmarks.md).
     */
    static final EngineBench SKEW = new EngineBench("skew", JobMain.SKEW_BENCH, AlluviumSettings.SPARK_HEAP,
            (config, console) -> generateAndLand(config.with(AlluviumSettings.GENERATOR_ZIPF_EXPONENT,
                    SKEW_ZIPF_EXPONENT), console), List.of(), 0, SKEW_START_EVENTS);

    /** The name of {@code bench realtime}. */
    static final String REALTIME = "realtime";

    /**
     * What one record of the realtime bench's load takes on its heap while rendered ahead of its step
     * (measured: 395 bytes on average, key, JSON value and record object).
     */
    static final long RENDERED_RECORD_BYTES = 400;
    /** The realtime bench's burst lasts at most this long (its {@code LivePhase.BURST_LIMIT}). */
    static final long BURST_SECONDS_LIMIT = 10;
    /** The most records a realtime step may render ahead: 4 GB of heap. */
    static final long MAX_RENDERED_RECORDS = 10_000_000;

    /**
     * {@code bench realtime}: live steps up to {@code rate} events/s, {@code seconds} each. Its JVM has the
     * Flink heap plus room for its largest step rendered ahead.
     */
    static EngineBench realtime(long rate, long seconds) {
        return new EngineBench(REALTIME, JobMain.REALTIME_BENCH, AlluviumSettings.FLINK_HEAP, EngineBench::generate,
                List.of("--rate", Long.toString(rate), "--seconds", Long.toString(seconds)),
                largestRealtimeStep(rate, seconds) * RENDERED_RECORD_BYTES, START_EVENTS);
    }

    /**
     * The records of the realtime bench's largest step: the top step at {@code rate}, or the burst at twice it
     * for {@code seconds} but at most {@link #BURST_SECONDS_LIMIT}.
     */
    static long largestRealtimeStep(long rate, long seconds) {
        return Math.max(rate * seconds, 2 * rate * Math.min(seconds, BURST_SECONDS_LIMIT));
    }

    /** Puts the bench's input on the platform. */
    @FunctionalInterface
    interface Preparation {
        void prepare(AlluviumConfig config, Console console);
    }

    private final String name;
    private final JobMain main;
    private final String heapSetting;
    private final Preparation preparation;
    private final List<String> args;
    private final long extraHeapBytes;
    private final long startEvents;

    private EngineBench(String name, JobMain main, String heapSetting, Preparation preparation) {
        this(name, main, heapSetting, preparation, List.of(), 0, START_EVENTS);
    }

    /**
     * {@code extraHeapBytes}: what the bench itself holds beside its engine, added to {@code heapSetting};
     * {@code startEvents}: the events it starts from without {@code --events}.
     */
    private EngineBench(String name, JobMain main, String heapSetting, Preparation preparation, List<String> args,
            long extraHeapBytes, long startEvents) {
        this.startEvents = startEvents;
        this.args = List.copyOf(args);
        this.extraHeapBytes = extraHeapBytes;
        this.name = name;
        this.main = main;
        this.heapSetting = heapSetting;
        this.preparation = preparation;
    }

    @Override
    public String name() {
        return name;
    }

    /** The main class must be compiled in its module: the module may not be built. */
    @Override
    public Optional<String> unavailable() {
        return unavailable(ChildJvm.home());
    }

    /** As {@link #unavailable()}, for the installation in {@code home}. */
    Optional<String> unavailable(Path home) {
        return notBuilt(main, home);
    }

    /** Why {@code main} cannot run from the installation in {@code home} (its module is not built), or empty. */
    static Optional<String> notBuilt(JobMain main, Path home) {
        if (Files.isRegularFile(home.resolve(main.classFile()))) {
            return Optional.empty();
        }
        return Optional.of(main.mainClass() + " is not in " + home.resolve(main.module()).resolve("target/classes")
                + ": module " + main.module() + " is not built (mvn -B -DskipTests install -pl " + main.module() + ")");
    }

    @Override
    public BenchReport run(AlluviumConfig config, OptionalLong events, Console console) {
        AlluviumConfig run = config.with(AlluviumSettings.GENERATOR_EVENTS,
                Long.toString(events.orElse(startEvents)));
        preparation.prepare(run, console);
        console.step("measuring " + name + " (" + main.mainClass() + ")");
        MemorySize heap = new MemorySize(run.getMemory(heapSetting).bytes() + extraHeapBytes);
        List<String> fixedWork = events.isPresent() ? List.of("--events", Long.toString(events.getAsLong())) : List.of();
        ChildJvm jvm = main.jvm(name + "-bench", heap, Stream.concat(fixedWork.stream(), args.stream()).toList());
        return BenchReport.fromChildResult(name, EngineJobs.run(jvm, run));
    }

    private static void generate(AlluviumConfig config, Console console) {
        console.step("generating " + config.getLong(AlluviumSettings.GENERATOR_EVENTS) + " events into Kafka");
        Generation.run(config);
    }

    /** The events of {@code generator.events} generated into Kafka, then landed in Bronze by the landing job. */
    static void generateAndLand(AlluviumConfig config, Console console) {
        generate(config, console);
        console.step("landing them in Bronze with Flink");
        EngineJobs.run(EngineJobs.landing(config, true), config);
    }
}
