package io.alluvium.flink.bench;

import io.alluvium.runtime.ChildProtocol;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Child JVM main of {@code alluvium bench realtime}: {@code RealtimeBenchMain <settings> [--events N]
 * [--rate R] [--seconds S]} runs {@link RealtimeBench} on the records the bench command generated, with live
 * steps up to {@code --rate} events/s of {@code --seconds} each, and prints one result line. {@code --events}
 * says the bench command generated N events for a test run: the replays take the topics as they are; without
 * it the bench sizes its replays to last at least 10 s. Exit 0, 2 on bad arguments or empty topics, 1 on
 * failure.
 */
public final class RealtimeBenchMain {
    static final long DEFAULT_RATE = 60_000;
    static final long DEFAULT_SECONDS = 30;
    private static final String USAGE = "usage: RealtimeBenchMain <settings> [--events N] [--rate R] [--seconds S]";

    /** The parsed arguments. */
    record Args(long rate, Duration step, OptionalLong fixedEvents) {
    }

    private RealtimeBenchMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            Args parsed = parse(jobArgs);
            out.result(new RealtimeBench(config, out).run(parsed.rate(), parsed.step(), parsed.fixedEvents()));
        });
    }

    static Args parse(String[] args) {
        long rate = DEFAULT_RATE;
        long seconds = DEFAULT_SECONDS;
        OptionalLong fixedEvents = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> fixedEvents = OptionalLong.of(
                        BenchArguments.number(args, ++i, "--events", 1, Long.MAX_VALUE, USAGE));
                case "--rate" -> rate = BenchArguments.number(args, ++i, "--rate", 5, 10_000_000, USAGE);
                case "--seconds" -> seconds = BenchArguments.number(args, ++i, "--seconds", 1, 3600, USAGE);
                default -> throw new ChildProtocol.BadInputException("unknown argument \"" + args[i] + "\" (" + USAGE + ")");
            }
        }
        return new Args(rate, Duration.ofSeconds(seconds), fixedEvents);
    }
}
