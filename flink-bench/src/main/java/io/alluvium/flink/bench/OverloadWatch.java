package io.alluvium.flink.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, from samples taken while a live step of the realtime bench runs (or while the bench waits for the
 * job to count what a step sent), whether the job or the bench's JVM cannot keep up, so that the step ends
 * early instead of hanging (docs/benchmarks.md, "bench realtime"). Overloaded, with the reason, when:
 * <ul>
 * <li><b>lag growing</b> (during a step's load only): the records waiting in Kafka rose over the step — the
 *     lowest count of each {@link #LAG_WINDOW} (the job flushes its counts in batches, so the lowest is what
 *     it could not absorb) rose in each of the last {@link #RISING_WINDOWS} windows, and the latest lies more
 *     than {@link #LAG_GROWTH} of the step's input above the step's first window;</li>
 * <li><b>heap nearly full</b>: every collection for a while left more than the limit in use (the heap watch
 *     says so, with what it saw);</li>
 * <li><b>GC time high</b>: garbage collection took more than {@link #GC_SHARE_LIMIT} of the last
 *     {@link #GC_WINDOW}.</li>
 * </ul>
 * Once overloaded it stays so. Takes its samples as given, so that a test can feed it a load of its own.
 */
final class OverloadWatch {
    static final Duration LAG_WINDOW = Duration.ofSeconds(5);
    static final int RISING_WINDOWS = 3;
    /**
     * How far behind the job must fall, in seconds of the step's input, before a rise counts: a job a second behind
     * (its counts batched, a checkpoint) may still hold its freshness, one falling further behind will not.
     */
    static final Duration LAG_GROWTH = Duration.ofSeconds(2);
    static final Duration GC_WINDOW = Duration.ofSeconds(10);
    static final double GC_SHARE_LIMIT = 0.5;
    /**
     * How long every collection must leave the heap above {@code realtime.heap-limit} for it to count as nearly
     * full: half the window of the job's own check (flink-jobs/REALTIME.md, "State that outgrows the heap"),
     * so that the bench ends the step before the job, which shares its JVM, stops itself.
     */
    static final Duration HEAP_WINDOW = Duration.ofSeconds(5);

    /**
     * One sample.
     *
     * @param recordsWaiting records in the topics the job has not counted yet
     * @param gcMillis       the JVM's garbage collection time so far, all collectors
     * @param heapFull       why the heap counts as nearly full, or empty while it does not
     */
    record Sample(long nanoTime, long recordsWaiting, long gcMillis, Optional<String> heapFull) {
    }

    /** What overloaded a step. */
    enum Cause {
        LAG_GROWING, HEAP_NEARLY_FULL, GC_TIME_HIGH,
        /** Not one of the watch's own: the job had not counted a step's records when the bench stopped waiting. */
        NOT_CAUGHT_UP;

        /** Whether this JVM, which the job shares with the bench, is in trouble: nothing more should run. */
        boolean ofTheJvm() {
            return this == HEAP_NEARLY_FULL || this == GC_TIME_HIGH;
        }
    }

    /** Why a step is overloaded: its cause and, in words, what was seen. */
    record Overload(Cause cause, String reason) {
    }

    private record GcPoint(long nanoTime, long gcMillis) {
    }

    private final long lagRate;
    private final List<Long> windowLows = new ArrayList<>();
    private final Deque<GcPoint> gc = new ArrayDeque<>();
    private long firstNanos = -1;
    private Optional<Overload> overload = Optional.empty();

    private OverloadWatch(long lagRate) {
        this.lagRate = lagRate;
    }

    /** Watches a step's load at {@code rate} events/s: lag, heap and GC. */
    static OverloadWatch ofLoad(long rate) {
        if (rate < 1) {
            throw new IllegalArgumentException("a load has a rate >= 1, got " + rate);
        }
        return new OverloadWatch(rate);
    }

    /** Watches a wait for the job to catch up (or a burst, meant to outrun it): heap and GC only. */
    static OverloadWatch ofCatchUp() {
        return new OverloadWatch(0);
    }

    /** Takes a sample; why the step is overloaded, once it is. */
    Optional<Overload> add(Sample sample) {
        if (overload.isEmpty()) {
            overload = sample.heapFull().map(why -> new Overload(Cause.HEAP_NEARLY_FULL, "heap nearly full: " + why))
                    .or(() -> gcTimeHigh(sample))
                    .or(() -> lagRate > 0 ? lagGrowing(sample) : Optional.empty());
        }
        return overload;
    }

    Optional<Overload> overload() {
        return overload;
    }

    private Optional<Overload> gcTimeHigh(Sample sample) {
        gc.addLast(new GcPoint(sample.nanoTime(), sample.gcMillis()));
        // keep the newest point at least a window old, and none older
        while (gc.size() > 2 && sample.nanoTime() - secondOldest().nanoTime() >= GC_WINDOW.toNanos()) {
            gc.removeFirst();
        }
        GcPoint oldest = gc.peekFirst();
        long spanNanos = sample.nanoTime() - oldest.nanoTime();
        if (spanNanos < GC_WINDOW.toNanos()) {
            return Optional.empty();
        }
        double share = (sample.gcMillis() - oldest.gcMillis()) * 1e6 / spanNanos;
        return share > GC_SHARE_LIMIT ? Optional.of(new Overload(Cause.GC_TIME_HIGH, String.format(Locale.ROOT,
                "GC time high: garbage collection took %.0f %% of the last %.0f s", share * 100, spanNanos / 1e9)))
                : Optional.empty();
    }

    private GcPoint secondOldest() {
        var points = gc.iterator();
        points.next();
        return points.next();
    }

    private Optional<Overload> lagGrowing(Sample sample) {
        if (firstNanos < 0) {
            firstNanos = sample.nanoTime();
        }
        int window = (int) ((sample.nanoTime() - firstNanos) / LAG_WINDOW.toNanos());
        boolean windowEnded = window >= windowLows.size() && !windowLows.isEmpty();
        if (windowEnded && rising()) {
            long first = windowLows.get(0);
            long latest = windowLows.get(windowLows.size() - 1);
            return Optional.of(new Overload(Cause.LAG_GROWING, String.format(Locale.ROOT, "lag growing: the records "
                    + "waiting in Kafka rose from %,d to %,d over %d s (lowest of each %d s)", first, latest,
                    windowLows.size() * LAG_WINDOW.toSeconds(), LAG_WINDOW.toSeconds())));
        }
        while (windowLows.size() <= window) {
            windowLows.add(sample.recordsWaiting());
        }
        windowLows.set(window, Math.min(windowLows.get(window), sample.recordsWaiting()));
        return Optional.empty();
    }

    /** Whether the lows of the last complete windows rose each time, and far enough above the first. */
    private boolean rising() {
        int n = windowLows.size();
        if (n < RISING_WINDOWS) {
            return false;
        }
        for (int i = n - RISING_WINDOWS + 1; i < n; i++) {
            if (windowLows.get(i) <= windowLows.get(i - 1)) {
                return false;
            }
        }
        return windowLows.get(n - 1) - windowLows.get(0) > lagRate * LAG_GROWTH.toSeconds();
    }
}
