package io.alluvium.runtime;

import io.alluvium.config.MemorySize;
import java.nio.file.Path;
import java.util.List;

/**
 * The main classes of the engine jobs and benches that the CLI runs in child JVMs, each with the module
 * whose classpath it needs (docs/architecture.md, "Processes"): named once here, so that the CLI, the
 * tests and the build check that every one is really in its module agree on them. The long-lived
 * services are {@link ServiceJvm}.
 */
public enum JobMain {
    /** Flink: Kafka → {@code bronze.<topic>}, exactly once. */
    LANDING("flink-jobs", "io.alluvium.flink.landing.LandingJobMain"),
    /** Flink: the topics → live views and fraud alerts in the serving store. */
    REALTIME("flink-jobs", "io.alluvium.flink.realtime.RealtimeJobMain"),
    /** Spark: Bronze → Silver and Quarantine → Gold. */
    BATCH("spark-jobs", "io.alluvium.spark.BatchMain"),
    /** {@code bench landing}: the landing job against a plain consumer and a plain Iceberg writer. */
    LANDING_BENCH("flink-bench", "io.alluvium.flink.bench.LandingBenchMain"),
    /** {@code bench realtime}: replays and live steps of the realtime job. */
    REALTIME_BENCH("flink-bench", "io.alluvium.flink.bench.RealtimeBenchMain"),
    /** {@code bench batch}: the batch job against hand-written Spark SQL. */
    BATCH_BENCH("spark-jobs", "io.alluvium.spark.bench.BatchBenchMain"),
    /** {@code bench pipeline}, after each pipeline: counts what it built, then drops Silver, Quarantine and Gold. */
    PIPELINE_BENCH("spark-jobs", "io.alluvium.spark.bench.PipelineBenchMain"),
    /** {@code bench maintenance}: queries on small files and compacted, compaction against a plain copy. */
    MAINTENANCE_BENCH("spark-jobs", "io.alluvium.spark.bench.MaintenanceBenchMain"),
    /** {@code bench skew}: a join by a hot key, plain and salted. */
    SKEW_BENCH("spark-jobs", "io.alluvium.spark.bench.SkewBenchMain"),
    /** {@code bench ingest}'s baseline: Kafka's own producer performance tool on the same records. */
    PRODUCER_BASELINE("services", "io.alluvium.services.ProducerBaselineMain");

    private final String module;
    private final String mainClass;

    JobMain(String module, String mainClass) {
        this.module = module;
        this.mainClass = mainClass;
    }

    /** The module directory under the installation whose build holds the class, e.g. {@code spark-jobs}. */
    public String module() {
        return module;
    }

    public String mainClass() {
        return mainClass;
    }

    /** Where the module's build puts the compiled class, relative to the installation. */
    public Path classFile() {
        return Path.of(module, "target", "classes", mainClass.replace('.', '/') + ".class");
    }

    /** A child JVM running this main as process {@code name} (its log and settings files are named after it). */
    public ChildJvm jvm(String name, MemorySize heap, List<String> args) {
        return new ChildJvm(name, module, mainClass, heap, args);
    }
}
