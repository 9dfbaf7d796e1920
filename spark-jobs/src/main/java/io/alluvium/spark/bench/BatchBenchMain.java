package io.alluvium.spark.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
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
    static final String USAGE = "usage: [--rounds N] [--events N]";
    static final int MAX_ROUNDS = 20;

    /** The parsed arguments: rounds, and whether {@code --events} fixed the work. */
    record Args(int rounds, boolean fixedWork) {
    }

    private BatchBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, BatchBenchMain::run);
    }

    static void run(AlluviumConfig config, String[] args, ChildProtocol out) {
        Args parsed = parse(args);
        SparkSession spark = SparkSessions.create(config);
        try {
            out.result(Json.write(new BatchBench(spark).run(parsed.rounds(), parsed.fixedWork(), out::progress)));
        } finally {
            spark.stop();
        }
    }

    static Args parse(String[] args) {
        int rounds = AlternatingRounds.MIN_ROUNDS;
        boolean fixedWork = false;
        for (int i = 0; i < args.length; i++) {
            boolean known = args[i].equals("--rounds") || args[i].equals("--events");
            if (!known || i + 1 == args.length) {
                throw new BadInputException("unexpected argument \"" + args[i] + "\" (" + USAGE + ")");
            }
            long value = positive(args[i], args[++i]);
            if (args[i - 1].equals("--rounds")) {
                if (value < AlternatingRounds.MIN_ROUNDS || value > MAX_ROUNDS) {
                    throw new BadInputException("--rounds must be between " + AlternatingRounds.MIN_ROUNDS + " and "
                            + MAX_ROUNDS + ", got " + value);
                }
                rounds = (int) value;
            } else {
                fixedWork = true;
            }
        }
        return new Args(rounds, fixedWork);
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
