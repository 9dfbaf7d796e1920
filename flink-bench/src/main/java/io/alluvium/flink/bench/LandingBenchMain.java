package io.alluvium.flink.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.runtime.ChildProtocol;
import java.util.OptionalLong;

/**
 * Child JVM main of {@code alluvium bench landing}: {@code LandingBenchMain <settings> [--rounds N]
 * [--events N]} measures the landing job against a plain consumer and a plain Iceberg writer on the
 * records the topics hold ({@link LandingBench}) and prints one result line. {@code --events} is how many
 * records the bench command generated for a test run: the topics must hold at least that many, and the
 * rounds measure them as they are; without it the bench sizes its rounds to last at least 10 s. Exit 0, 2
 * on bad arguments or empty topics, 1 on failure.
 */
public final class LandingBenchMain {
    static final int MAX_ROUNDS = 20;
    private static final String USAGE = "usage: LandingBenchMain <settings> [--rounds N] [--events N]";

    /** The parsed arguments. */
    record Args(int rounds, OptionalLong fixedRecords) {
    }

    private LandingBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            Args parsed = parse(jobArgs);
            out.result(new LandingBench(config, parsed.rounds(), out).run(parsed.fixedRecords()));
        });
    }

    static Args parse(String[] args) {
        int rounds = AlternatingRounds.MIN_ROUNDS;
        OptionalLong fixedRecords = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = (int) BenchArguments.number(args, ++i, "--rounds",
                        AlternatingRounds.MIN_ROUNDS, MAX_ROUNDS, USAGE);
                case "--events" -> fixedRecords = OptionalLong.of(
                        BenchArguments.number(args, ++i, "--events", 1, Long.MAX_VALUE, USAGE));
                default -> throw new ChildProtocol.BadInputException("unknown argument \"" + args[i] + "\" (" + USAGE + ")");
            }
        }
        return new Args(rounds, fixedRecords);
    }
}
