package io.alluvium.spark.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.spark.Json;
import io.alluvium.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The child JVM of {@code alluvium bench batch}: {@code BatchBenchMain <settings.properties> [--rounds N]
 * [--events N]}. Bronze must already hold the bench's events (the CLI generates and lands them first;
 * {@code --events} says how many it sent and is not needed here, Bronze is counted). Answers with one
 * {@code @alluvium result} line (see {@link BatchBench}).
 */
public final class BatchBenchMain {
    static final String USAGE = "usage: [--rounds N] [--events N]";
    static final int DEFAULT_ROUNDS = 2;

    private BatchBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, BatchBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        int rounds = rounds(args);
        SparkSession spark = SparkSessions.create(config);
        try {
            out.result(Json.write(new BatchBench(spark).run(rounds, out::progress)));
        } finally {
            spark.stop();
        }
    }

    static int rounds(String[] args) {
        int rounds = DEFAULT_ROUNDS;
        for (int i = 0; i < args.length; i++) {
            boolean known = args[i].equals("--rounds") || args[i].equals("--events");
            if (!known || i + 1 == args.length) {
                throw new BadInputException("unexpected argument \"" + args[i] + "\" (" + USAGE + ")");
            }
            long value = positive(args[i], args[++i]);
            if (args[i - 1].equals("--rounds")) {
                if (value > 20) {
                    throw new BadInputException("--rounds " + value + " is more than 20: two are enough to see the best of each");
                }
                rounds = (int) value;
            }
        }
        return rounds;
    }

    private static long positive(String option, String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(option + " needs a whole number of at least 1, got \"" + value + "\"");
    }
}
