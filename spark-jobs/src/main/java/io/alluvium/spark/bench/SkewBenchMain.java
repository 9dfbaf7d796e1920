package io.alluvium.spark.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.spark.BatchRun;
import io.alluvium.spark.Json;
import io.alluvium.spark.SparkSessions;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM of {@code alluvium bench skew}: {@code SkewBenchMain <settings.properties> [--rounds N] [--events N]}.
 * Bronze must already hold the bench's events, generated with a hot user (the CLI generates and lands them first on
 * the bench's scratch platform); this main builds their Silver there ({@code batch silver}), then joins it
 * ({@link SkewBench}). Answers with one {@code @alluvium result} line.
 */
public final class SkewBenchMain {
    private SkewBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, SkewBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        SparkBenchArgs parsed = SparkBenchArgs.parse(args);
        SparkSession spark = SparkSessions.create(config);
        try {
            BatchRun.parse("silver", List.of()).run(spark, out::progress);
            out.result(Json.write(new SkewBench(spark, "silver.clickstream", "silver.orders")
                    .run(parsed.rounds(), parsed.fixedWork(), out::progress)));
        } finally {
            spark.stop();
        }
    }
}
