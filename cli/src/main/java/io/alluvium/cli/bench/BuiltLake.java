package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.JobMain;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one pipeline of {@code bench pipeline} built, counted just before it is dropped: the Bronze rows it was built
 * from and the counts two builds of the same Bronze must agree on (Silver rows and distinct event ids per topic,
 * Quarantine rows per reason, per Gold table its rows and column sums). Exists so that the bench compares only
 * pipelines that did the same work, and so that every pipeline starts from Bronze alone: Silver and Gold are
 * incremental, and a pipeline on a built lake would find nothing new to build.
 *
 * @param built the counts by name, e.g. {@code "silver.orders rows": "5880"}
 */
record BuiltLake(long bronzeRows, JsonNode built) {

    /** Counts the platform's Silver, Quarantine and Gold, then drops them with their files (a Spark child JVM). */
    static BuiltLake countAndDrop(AlluviumConfig config, String processName) {
        JsonNode result = EngineJobs.run(JobMain.PIPELINE_BENCH.jvm(processName,
                config.getMemory(AlluviumSettings.SPARK_HEAP), List.of()), config);
        JsonNode built = result.path("built");
        if (!result.path("bronze_rows").canConvertToLong() || !built.isObject() || built.isEmpty()) {
            throw new JobFailure("bench pipeline's count of the built lake is not readable: " + result);
        }
        return new BuiltLake(result.get("bronze_rows").asLong(), built);
    }

    /** Each figure that differs from {@code other}'s, as {@code name: this vs other} (a missing one is null). */
    List<String> differencesFrom(BuiltLake other) {
        TreeSet<String> names = new TreeSet<>(List.of("bronze rows"));
        built.properties().forEach(figure -> names.add(figure.getKey()));
        other.built.properties().forEach(figure -> names.add(figure.getKey()));
        return names.stream().filter(name -> !Objects.equals(figure(name), other.figure(name)))
                .map(name -> name + ": " + figure(name) + " vs " + other.figure(name)).toList();
    }

    private String figure(String name) {
        if (name.equals("bronze rows")) {
            return Long.toString(bronzeRows);
        }
        JsonNode value = built.get(name);
        return value == null ? null : value.asText();
    }
}
