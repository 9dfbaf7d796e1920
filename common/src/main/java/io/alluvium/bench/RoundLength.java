package io.alluvium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How a bench makes each timed round last at least {@link RoundStatistics#MIN_ROUND_SECONDS}
 * (docs/benchmarks.md, "How the benches measure"): a contender whose work is a given amount (records to send
 * or land) gets an amount sized from the rate of an unmeasured calibration round; a contender whose work is
 * a pass that can simply run again (a read of the same records, a build of the same tables) repeats it until
 * the round has lasted long enough.
 */
public final class RoundLength {
    /**
     * How much longer than the minimum a sized round aims to last: a calibration round on a little work runs
     * slower than the long rounds (the JIT, fixed costs), so its rate sizes them short.
     */
    public static final double HEADROOM = 1.5;
    /** A pass that does no measurable work would otherwise repeat for ever. */
    static final int MAX_PASSES = 1000;
    /** Calibration rounds at most: the cold first one, then rounds on the amounts the ones before sized. */
    public static final int MAX_CALIBRATIONS = 4;
    /** A calibration round faster than this is taken as this fast, not as infinitely fast. */
    static final double MIN_CALIBRATION_SECONDS = 0.1;

    /**
     * One unmeasured calibration round on at least {@code units} of work (a bench that tops up its topics may do
     * more): the work it did, and how long the faster contender took.
     */
    public record Calibration(long units, double seconds) {
    }

    /** Runs a calibration round on at least the given units of work. */
    @FunctionalInterface
    public interface Calibrate<E extends Exception> {
        Calibration run(long units) throws E;
    }

    /** One run of a contender's work, which can run again. */
    @FunctionalInterface
    public interface Pass<P, E extends Exception> {
        P run() throws E;
    }

    private RoundLength() {
    }

    /**
     * The work a round needs to last {@link RoundStatistics#MIN_ROUND_SECONDS} with {@link #HEADROOM}, at the
     * rate of a calibration round that did {@code units} in {@code seconds}.
     */
    public static long sized(long units, double seconds) {
        if (units < 1 || !(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("a calibration round must do some work in some time, got " + units
                    + " in " + seconds + " s");
        }
        return (long) Math.ceil(units / seconds * RoundStatistics.MIN_ROUND_SECONDS * HEADROOM);
    }

    /**
     * The work of a timed round, from unmeasured calibration rounds: a bench runs much faster on a large amount of
     * work than on a small one (start-up, class loading, the JIT, the first fetches), so one round on a small
     * amount sizes the rounds far too short. The first round, on {@code startUnits}, is cold: it only warms up and
     * gives a first rate. Each next round runs on the amount the one before sized ({@link #sized}, never less than
     * it already did), until a round after the first lasted {@link RoundStatistics#MIN_ROUND_SECONDS}, or
     * {@link #MAX_CALIBRATIONS} rounds ran: the last one's rate sizes the rounds, with {@link #HEADROOM} (a round
     * sized by a warm one that lasted just 10 s ran 7-8 s: the rate still rises with the amount).
     */
    public static <E extends Exception> long calibrated(long startUnits, Calibrate<E> calibrate) throws E {
        long units = startUnits;
        for (int round = 1; ; round++) {
            Calibration done = calibrate.run(units);
            long next = Math.max(done.units(), sized(done.units(), Math.max(done.seconds(), MIN_CALIBRATION_SECONDS)));
            if (round == MAX_CALIBRATIONS || round > 1 && done.seconds() >= RoundStatistics.MIN_ROUND_SECONDS) {
                return next;
            }
            units = next;
        }
    }

    /**
     * Runs {@code pass} until the passes' timed work adds up to {@code minSeconds}, at least once (once only
     * when {@code minSeconds} is 0: a test run's fixed work).
     *
     * @param timedSeconds how long a pass's timed work lasted
     * @return every pass, in order
     */
    public static <P, E extends Exception> List<P> repeated(double minSeconds, ToDoubleFunction<P> timedSeconds,
            Pass<P, E> pass) throws E {
        List<P> passes = new ArrayList<>();
        double seconds = 0;
        do {
            P done = pass.run();
            passes.add(done);
            seconds += timedSeconds.applyAsDouble(done);
        } while (seconds < minSeconds && passes.size() < MAX_PASSES);
        return passes;
    }
}
