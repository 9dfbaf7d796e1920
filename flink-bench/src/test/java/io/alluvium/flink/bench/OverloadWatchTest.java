package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * When a live step counts as overloaded, on loads made up here, sampled every 250 ms as the bench does: a job
 * that keeps up (its counts flushed in batches) never is; one that falls behind is, once the records waiting
 * have risen over three windows; a full heap or a JVM busy collecting garbage is, whatever the lag.
 */
class OverloadWatchTest {
    private static final long RATE = 10_000;
    private static final long SAMPLE_NANOS = 250_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /**
     * Feeds {@code seconds} of samples; the time into the load at which it was found overloaded, if it was.
     *
     * @param waiting  records waiting at each time (nanoseconds into the load)
     * @param gcMillis GC time so far at each time
     */
    private static Optional<Double> overloadedAfter(OverloadWatch watch, int seconds, LongUnaryOperator waiting,
            LongUnaryOperator gcMillis) {
        long start = 7 * SECOND; // any origin: only differences count
        for (long t = 0; t <= seconds * SECOND; t += SAMPLE_NANOS) {
            if (watch.add(new OverloadWatch.Sample(start + t, waiting.applyAsLong(t), gcMillis.applyAsLong(t),
                    Optional.empty())).isPresent()) {
                return Optional.of(t / 1e9);
            }
        }
        return Optional.empty();
    }

    /** What waits when the job keeps up: the counts flushed every 500 ms, so up to half a second of input. */
    private static long keepingUp(long t) {
        return RATE * (t % (SECOND / 2)) / SECOND;
    }

    @Test
    void aJobThatKeepsUpIsNeverOverloaded() {
        OverloadWatch watch = OverloadWatch.ofLoad(RATE);
        assertThat(overloadedAfter(watch, 60, OverloadWatchTest::keepingUp, t -> t / SECOND * 20)).isEmpty();
        assertThat(watch.overload()).isEmpty();
    }

    @Test
    void aJobThatFallsBehindIsOverloadedOnceTheLagRoseOverThreeWindows() {
        OverloadWatch watch = OverloadWatch.ofLoad(RATE);
        // it takes two thirds of the input: a third of each second's input is left waiting
        Optional<Double> after = overloadedAfter(watch, 60, t -> keepingUp(t) + RATE / 3 * t / SECOND, t -> 0);
        assertThat(after).as("the first sample after three whole windows").contains(15.0);
        assertThat(watch.overload()).hasValueSatisfying(o -> {
            assertThat(o.cause()).isEqualTo(OverloadWatch.Cause.LAG_GROWING);
            assertThat(o.cause().ofTheJvm()).isFalse();
            assertThat(o.reason()).startsWith("lag growing: the records waiting in Kafka rose from 0 to ")
                    .endsWith(" over 15 s (lowest of each 5 s)");
        });
    }

    @Test
    void aLagThatRisesByLessThanTwoSecondsOfInputIsNoOverload() {
        // 5 % of the input left waiting: 1.5 s of it after 30 s, still rising in every window
        assertThat(overloadedAfter(OverloadWatch.ofLoad(RATE), 30, t -> keepingUp(t) + RATE / 20 * t / SECOND,
                t -> 0)).isEmpty();
        // 10 %: the window from 25 s on starts 2.5 s of input behind, more than two: an overload when it ends
        assertThat(overloadedAfter(OverloadWatch.ofLoad(RATE), 40, t -> keepingUp(t) + RATE / 10 * t / SECOND,
                t -> 0)).contains(30.0);
    }

    @Test
    void aLagThatRisesThenFallsIsNoOverload() {
        // nothing taken for 5 s (a checkpoint, a collection), then catching up at twice the input rate
        LongUnaryOperator hiccup = t -> keepingUp(t) + (t < 5 * SECOND ? RATE * t / SECOND : Math.max(0,
                RATE * 5 - RATE * (t - 5 * SECOND) / SECOND));
        assertThat(overloadedAfter(OverloadWatch.ofLoad(RATE), 40, hiccup, t -> 0)).isEmpty();
    }

    @Test
    void aCatchUpOrABurstIsNotWatchedForLag() {
        assertThat(overloadedAfter(OverloadWatch.ofCatchUp(), 60, t -> RATE * t / SECOND, t -> 0)).isEmpty();
    }

    @Test
    void aFullHeapIsAnOverloadAtOnce() {
        OverloadWatch watch = OverloadWatch.ofCatchUp();
        assertThat(watch.add(new OverloadWatch.Sample(0, 0, 0, Optional.empty()))).isEmpty();
        OverloadWatch.Overload full = new OverloadWatch.Overload(OverloadWatch.Cause.HEAP_NEARLY_FULL,
                "heap nearly full: 1,900 of 2,000 MB in use");
        assertThat(watch.add(new OverloadWatch.Sample(SAMPLE_NANOS, 0, 0, Optional.of("1,900 of 2,000 MB in use"))))
                .contains(full);
        assertThat(watch.add(new OverloadWatch.Sample(2 * SAMPLE_NANOS, 0, 0, Optional.empty())))
                .as("once overloaded, it stays so").contains(full);
        assertThat(full.cause().ofTheJvm()).isTrue();
    }

    @Test
    void moreThanHalfOfTenSecondsInGarbageCollectionIsAnOverload() {
        // 600 ms of every second collecting, from 5 s on
        OverloadWatch watch = OverloadWatch.ofCatchUp();
        Optional<Double> after = overloadedAfter(watch, 60, t -> 0,
                t -> Math.max(0, t - 5 * SECOND) * 600 / SECOND);
        assertThat(after).hasValueSatisfying(s -> assertThat(s).isBetween(13.0, 15.5));
        assertThat(watch.overload()).hasValueSatisfying(o -> {
            assertThat(o.cause()).isEqualTo(OverloadWatch.Cause.GC_TIME_HIGH);
            assertThat(o.reason()).matches("GC time high: garbage collection took 5\\d % of the last 10 s");
        });
    }

    @Test
    void garbageCollectionBelowHalfTheTimeIsNoOverload() {
        assertThat(overloadedAfter(OverloadWatch.ofLoad(RATE), 60, OverloadWatchTest::keepingUp,
                t -> t * 450 / SECOND)).isEmpty();
    }
}
