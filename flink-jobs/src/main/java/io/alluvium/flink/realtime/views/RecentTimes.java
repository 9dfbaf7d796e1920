package io.alluvium.flink.realtime.views;

import java.util.Arrays;

/**
 * A user's recent event times (milliseconds) in a {@link TimeStore}, one entry per second that has some,
 * with an index of those seconds per minute. Counting or forgetting the times of a span visits the minutes
 * of the span and the seconds their index names: at most 61 minutes for a span under an hour, however many
 * times it holds, and adding a time reads and writes its second and, for a second new in it, its minute.
 */
final class RecentTimes {
    private static final long SECOND_MS = 1_000;
    private static final int SECONDS_PER_MINUTE = 60;

    private RecentTimes() {
    }

    static void add(TimeStore store, long time) throws Exception {
        long second = Math.floorDiv(time, SECOND_MS);
        long[] times = store.second(second);
        boolean newSecond = times == null;
        if (newSecond) {
            times = new long[0];
        }
        int at = firstAfter(times, time);
        long[] more = new long[times.length + 1];
        System.arraycopy(times, 0, more, 0, at);
        more[at] = time;
        System.arraycopy(times, at, more, at + 1, times.length - at);
        store.putSecond(second, more);
        if (newSecond) { // a second that has times is in its minute's index already
            long minute = Math.floorDiv(second, SECONDS_PER_MINUTE);
            store.putSecondsOf(minute, store.secondsOf(minute) | 1L << Math.floorMod(second, SECONDS_PER_MINUTE));
        }
    }

    /** How many times are in {@code (after, upTo]}. */
    static int count(TimeStore store, long after, long upTo) throws Exception {
        return visit(store, after, upTo, false);
    }

    /**
     * How many times are in {@code (after, upTo]}; forgets every second that ends at or before {@code upTo}
     * (a second across {@code upTo} keeps its times; those at or before it are never counted again, as every
     * later span starts after it).
     */
    static int forget(TimeStore store, long after, long upTo) throws Exception {
        return visit(store, after, upTo, true);
    }

    private static int visit(TimeStore store, long after, long upTo, boolean forget) throws Exception {
        int count = 0;
        long lastMinute = Math.floorDiv(Math.floorDiv(upTo, SECOND_MS), SECONDS_PER_MINUTE);
        for (long minute = Math.floorDiv(Math.floorDiv(after + 1, SECOND_MS), SECONDS_PER_MINUTE);
                minute <= lastMinute; minute++) {
            long seconds = store.secondsOf(minute);
            long kept = seconds;
            for (long bits = seconds; bits != 0; bits &= bits - 1) {
                int n = Long.numberOfTrailingZeros(bits);
                long second = minute * SECONDS_PER_MINUTE + n;
                long start = second * SECOND_MS;
                long end = start + SECOND_MS - 1;
                if (end <= after || start > upTo) {
                    continue;
                }
                long[] times = store.second(second);
                count += firstAfter(times, upTo) - firstAfter(times, after);
                if (forget && end <= upTo) {
                    store.removeSecond(second);
                    kept &= ~(1L << n);
                }
            }
            if (kept == 0 && seconds != 0) {
                store.removeSecondsOf(minute);
            } else if (kept != seconds) {
                store.putSecondsOf(minute, kept);
            }
        }
        return count;
    }

    /** The index of the first time > {@code bound} in sorted {@code times} ({@code times.length} if none). */
    private static int firstAfter(long[] times, long bound) {
        int at = Arrays.binarySearch(times, bound);
        if (at < 0) {
            return -at - 1;
        }
        while (at < times.length && times[at] == bound) {
            at++;
        }
        return at;
    }
}
