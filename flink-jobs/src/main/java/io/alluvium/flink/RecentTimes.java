package io.alluvium.flink;

/**
 * A user's recent event times, sorted, in one growable array: in-order events append, a late one is
 * inserted where it belongs, and the oldest are dropped by moving the start. A Flink POJO (kept in keyed
 * state inside {@link UserFeatures}).
 */
public final class RecentTimes {
    public long[] times = new long[8];
    /** The times held are {@code times[from..to)}. */
    public int from;
    public int to;

    void add(long time) {
        if (to == times.length) {
            int size = to - from;
            long[] next = size < times.length / 2 ? times : new long[times.length * 2];
            System.arraycopy(times, from, next, 0, size);
            times = next;
            from = 0;
            to = size;
        }
        int at = firstAfter(time);
        System.arraycopy(times, at, times, at + 1, to - at);
        times[at] = time;
        to++;
    }

    /** Forgets every time ≤ {@code bound}. */
    void dropUpTo(long bound) {
        from = firstAfter(bound);
    }

    /** How many times are > {@code bound}. */
    int countAfter(long bound) {
        return to - firstAfter(bound);
    }

    /** The index of the first time > {@code bound} (binary search; {@code to} if none). */
    private int firstAfter(long bound) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
