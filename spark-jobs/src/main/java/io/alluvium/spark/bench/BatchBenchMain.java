package io.alluvium.spark.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.spark.Json;
import io.alluvium.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM of {@code alluvium bench batch}: {@code BatchBenchMain <settings.properties> [--rounds N]
 * [--events N]}. Bronze must already hold the bench's events (the CLI generates and lands them first; Bronze
 * is counted). {@code --events} says the CLI landed N events for a test run: one build per round; without it
 * a round builds again until it has lasted 10 s. Answers with one {@code @alluvium result} line (see
 * {@link BatchBench}).
 */
public final class BatchBenchMain {
    private BatchBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, BatchBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        SparkBenchArgs parsed = SparkBenchArgs.parse(args);
        SparkSession spark = SparkSessions.create(config);
        try {
            out.result(Json.write(new BatchBench(spark).run(parsed.rounds(), parsed.fixedWork(), out::progress)));
        } finally {
            spark.stop();
        }
    }
}
