package io.alluvium.spark.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.BronzeSnapshots;
import io.alluvium.spark.BuildCounts;
import io.alluvium.spark.Json;
import io.alluvium.spark.LakeTables;
import io.alluvium.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM that {@code alluvium bench pipeline} runs after each pipeline, unmeasured:
 * {@code PipelineBenchMain <settings.properties>} counts what the pipeline built ({@link BuildCounts}: Silver,
 * Quarantine and Gold) and the Bronze it was built from, then drops Silver, Quarantine and Gold with their files
 * ({@link LakeTables#dropBuilt()}), so that the next pipeline, by hand or orchestrated, builds the same tables from
 * the same Bronze: Silver and Gold are incremental, and a second build on a built lake would find nothing new.
 * Answers with one {@code @alluvium result} line: {@code {"bronze_rows": N, "built": {"silver.orders rows": "..",
 * ...}}}.
 */
public final class PipelineBenchMain {
    /** The result line. */
    public record Result(long bronzeRows, Map<String, String> built) {
    }

    private PipelineBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, PipelineBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        if (args.length != 0) {
            throw new BadInputException("usage: PipelineBenchMain <settings.properties> (no other arguments)");
        }
        SparkSession spark = SparkSessions.create(config);
        try {
            out.result(Json.write(countAndDrop(spark)));
        } finally {
            spark.stop();
        }
    }

    /** The platform's lake counted, then its Silver, Quarantine and Gold dropped: Bronze alone is left. */
    public static Result countAndDrop(SparkSession spark) {
        LakeTables lake = new LakeTables(spark);
        Result built = new Result(BronzeSnapshots.current(lake).rows(), BuildCounts.of(spark, lake).counts());
        lake.dropBuilt();
        return built;
    }
}
