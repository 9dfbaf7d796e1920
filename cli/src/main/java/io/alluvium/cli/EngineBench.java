package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
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

    /** {@code bench realtime}: live steps up to {@code rate} events/s, {@code seconds} each. */
    static EngineBench realtime(long rate, long seconds) {
        return new EngineBench("realtime", "flink-jobs", "io.alluvium.flink.RealtimeBenchMain",
                AlluviumSettings.FLINK_HEAP, EngineBench::generate,
                List.of("--rate", Long.toString(rate), "--seconds", Long.toString(seconds)));
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

    EngineBench(String name, String module, String mainClass, String heapSetting, Preparation preparation) {
        this(name, module, mainClass, heapSetting, preparation, List.of());
    }

    EngineBench(String name, String module, String mainClass, String heapSetting, Preparation preparation,
            List<String> args) {
        this.args = List.copyOf(args);
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
        ChildJvm jvm = new ChildJvm(name + "-bench", module, mainClass, run.getMemory(heapSetting),
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
