package io.alluvium.flink.bench;

import io.alluvium.runtime.ChildProtocol;
import java.time.Duration;

/**
 * Child JVM main of {@code alluvium bench realtime}: {@code RealtimeBenchMain <settings> [--events N]
 * [--rate R] [--seconds S]} runs {@link RealtimeBench} on the records the bench command generated
 * ({@code --events}, checked but not needed: it replays whatever the topics hold), with live steps up to {@code --rate} events/s of {@code --seconds} each, and prints
 * one result line. Exit 0, 2 on bad arguments or empty topics, 1 on failure.
 */
public final class RealtimeBenchMain {
    static final long DEFAULT_RATE = 50_000;
    static final long DEFAULT_SECONDS = 15;
    private static final String USAGE = "usage: RealtimeBenchMain <settings> [--events N] [--rate R] [--seconds S]";

    /** The parsed arguments. */
    record Args(long rate, Duration step) {
    }

    private RealtimeBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            Args parsed = parse(jobArgs);
            out.result(new RealtimeBench(config, out).run(parsed.rate(), parsed.step()));
        });
    }

    static Args parse(String[] args) {
        long rate = DEFAULT_RATE;
        long seconds = DEFAULT_SECONDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> BenchArguments.number(args, ++i, "--events", 1, Long.MAX_VALUE, USAGE);
                case "--rate" -> rate = BenchArguments.number(args, ++i, "--rate", 5, 10_000_000, USAGE);
                case "--seconds" -> seconds = BenchArguments.number(args, ++i, "--seconds", 1, 3600, USAGE);
                default -> throw new ChildProtocol.BadInputException("unknown argument \"" + args[i] + "\" (" + USAGE + ")");
            }
        }
        return new Args(rate, Duration.ofSeconds(seconds));
    }
}
