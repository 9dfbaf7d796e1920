package io.alluvium.flink.realtime.views;

/**
 * Where a user's recent event times are kept ({@link RecentTimes}): the times of each second that has some,
 * and per minute which of its seconds have times. In the job these are map states of the user's key
 * ({@link UserViews}), so an event reads and writes the entries of its own second and minute, never the
 * user's whole hour of times (a user sending thousands of events a second has millions of them).
 */
interface TimeStore {
    /** The times of {@code second} (epoch seconds), sorted; null if none. */
    long[] second(long second) throws Exception;

    void putSecond(long second, long[] times) throws Exception;

    void removeSecond(long second) throws Exception;

    /** Which seconds of {@code minute} (epoch minutes) have times: bit n for its second n; 0 if none. */
    long secondsOf(long minute) throws Exception;

    /** Sets the seconds of {@code minute} that have times (not 0). */
    void putSecondsOf(long minute, long seconds) throws Exception;

    void removeSecondsOf(long minute) throws Exception;

    /** Forgets every time. */
    void clear() throws Exception;
}
