package io.alluvium.spark.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.spark.Json;
import io.alluvium.spark.SparkSessions;
import io.alluvium.spark.maintenance.MaintenancePolicy;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.time.Clock;
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM of {@code alluvium bench maintenance}: {@code MaintenanceBenchMain <settings.properties> [--rounds N]
 * [--events N]}. {@code bronze.clickstream} must already hold the bench's events (the CLI generates and lands them
 * first). Answers with one {@code @alluvium result} line (see {@link MaintenanceBench}).
 */
public final class MaintenanceBenchMain {
    static final String SOURCE = "bronze.clickstream";

    private MaintenanceBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, MaintenanceBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        SparkBenchArgs parsed = SparkBenchArgs.parse(args);
        SparkSession spark = SparkSessions.create(config);
        try {
            MaintenanceBench bench = new MaintenanceBench(spark,
                    new TableMaintenance(spark, MaintenancePolicy.of(config), Clock.systemUTC()));
            out.result(Json.write(bench.run(SOURCE, parsed.rounds(), parsed.fixedWork(), out::progress)));
        } finally {
            spark.stop();
        }
    }
}
