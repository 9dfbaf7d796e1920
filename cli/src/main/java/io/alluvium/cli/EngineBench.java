package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import io.alluvium.runtime.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A bench that an engine module measures in its own child JVM, because only there do its engine and its
 * baselines run: {@code bench landing} ({@code io.alluvium.flink.LandingBenchMain} in flink-jobs),
 * {@code bench batch} ({@code io.alluvium.spark.BatchBenchMain} in spark-jobs) and {@code bench realtime}
 * ({@code io.alluvium.flink.RealtimeBenchMain}). The CLI first puts the
 * data in place on the scratch platform — landing finds {@code --events N} events generated into the
 * topics, batch finds them landed in Bronze as well — then runs the main with the settings file and
 * {@code --events N}; the main prints one result line in {@link BenchReport}'s shape.
 */
final class EngineBench implements Bench {
    static final EngineBench LANDING = new EngineBench("landing", "flink-jobs", "io.alluvium.flink.LandingBenchMain",
            AlluviumSettings.FLINK_HEAP, EngineBench::generate);
    static final EngineBench BATCH = new EngineBench("batch", "spark-jobs", "io.alluvium.spark.BatchBenchMain",
            AlluviumSettings.SPARK_HEAP, EngineBench::generateAndLand);

    /** The name of {@code bench realtime}. */
    static final String REALTIME = "realtime";

    /**
     * What one record of the realtime bench's load takes on its heap while rendered ahead of its step
     * (measured: 395 bytes on average, key, JSON value and record object).
     */
    static final long RENDERED_RECORD_BYTES = 400;
    /** The most records a realtime step may render ahead: 4 GB of heap. */
    static final long MAX_RENDERED_RECORDS = 10_000_000;

    /**
     * {@code bench realtime}: live steps up to {@code rate} events/s, {@code seconds} each. Its JVM has the
     * Flink heap plus room for its largest step rendered ahead: the burst, at most twice the rate.
     */
    static EngineBench realtime(long rate, long seconds) {
        return new EngineBench(REALTIME, "flink-jobs", "io.alluvium.flink.RealtimeBenchMain",
                AlluviumSettings.FLINK_HEAP, EngineBench::generate,
                List.of("--rate", Long.toString(rate), "--seconds", Long.toString(seconds)),
                largestRealtimeStep(rate, seconds) * RENDERED_RECORD_BYTES);
    }

    /** The records of the realtime bench's largest step, the burst at twice {@code rate}. */
    static long largestRealtimeStep(long rate, long seconds) {
        return 2 * rate * seconds;
    }

    /** Puts the bench's input on the platform. */
    @FunctionalInterface
    interface Preparation {
        void prepare(AlluviumConfig config, Console console);
    }

    private final String name;
    private final String module;
    private final String mainClass;
    private final String heapSetting;
    private final Preparation preparation;
    private final List<String> args;
    private final long extraHeapBytes;

    EngineBench(String name, String module, String mainClass, String heapSetting, Preparation preparation) {
        this(name, module, mainClass, heapSetting, preparation, List.of(), 0);
    }

    /** {@code extraHeapBytes}: what the bench itself holds beside its engine, added to {@code heapSetting}. */
    private EngineBench(String name, String module, String mainClass, String heapSetting, Preparation preparation,
            List<String> args, long extraHeapBytes) {
        this.args = List.copyOf(args);
        this.extraHeapBytes = extraHeapBytes;
        this.name = name;
        this.module = module;
        this.mainClass = mainClass;
        this.heapSetting = heapSetting;
        this.preparation = preparation;
    }

    @Override
    public String name() {
        return name;
    }

    /** The main class must be compiled in its module: the bench may not be written or built yet. */
    @Override
    public Optional<String> unavailable() {
        Path classes = ChildJvm.home().resolve(module).resolve("target/classes");
        Path classFile = classes.resolve(mainClass.replace('.', '/') + ".class");
        if (Files.isRegularFile(classFile)) {
            return Optional.empty();
        }
        return Optional.of(mainClass + " is not in " + classes + ": module " + module + " has no " + name
                + " bench yet, or is not built (mvn -B -DskipTests install -pl " + module + ")");
    }

    @Override
    public BenchReport run(AlluviumConfig config, long events, Console console) {
        AlluviumConfig run = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events));
        preparation.prepare(run, console);
        console.step("measuring " + name + " (" + mainClass + ")");
        MemorySize heap = new MemorySize(run.getMemory(heapSetting).bytes() + extraHeapBytes);
        ChildJvm jvm = new ChildJvm(name + "-bench", module, mainClass, heap,
                Stream.concat(Stream.of("--events", Long.toString(events)), args.stream()).toList());
        return BenchReport.fromChildResult(name, events, EngineJobs.run(jvm, run));
    }

    private static void generate(AlluviumConfig config, Console console) {
        console.step("generating " + config.getLong(AlluviumSettings.GENERATOR_EVENTS) + " events into Kafka");
        Generation.run(config);
    }

    private static void generateAndLand(AlluviumConfig config, Console console) {
        generate(config, console);
        console.step("landing them in Bronze with Flink");
        EngineJobs.run(EngineJobs.landing(config, true), config);
    }
}
