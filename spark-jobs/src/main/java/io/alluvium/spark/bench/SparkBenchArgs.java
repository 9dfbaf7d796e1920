package io.alluvium.spark.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.runtime.ChildProtocol.BadInputException;

/**
 * The arguments of the Spark benches' child JVMs ({@code bench batch}, {@code bench maintenance}, {@code bench skew}):
 * {@code [--rounds N] [--events N]}. {@code --events} says the CLI prepared N events for a test run: one pass per
 * round; without it a round repeats its work until it has lasted 10 s.
 *
 * @param rounds    rounds of each contender, at least 3 (for a median)
 * @param fixedWork whether {@code --events} fixed the work
 */
record SparkBenchArgs(int rounds, boolean fixedWork) {
    static final String USAGE = "usage: [--rounds N] [--events N]";
    static final int MAX_ROUNDS = 20;

    static SparkBenchArgs parse(String[] args) {
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
        return new SparkBenchArgs(rounds, fixedWork);
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
