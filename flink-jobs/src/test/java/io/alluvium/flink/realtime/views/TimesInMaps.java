package io.alluvium.flink.realtime.views;

import java.util.HashMap;
import java.util.Map;

/** A {@link TimeStore} in two hash maps, as the job's map states hold it for one user. */
final class TimesInMaps implements TimeStore {
    final Map<Long, long[]> seconds = new HashMap<>();
    final Map<Long, Long> minutes = new HashMap<>();

    @Override
    public long[] second(long second) {
        return seconds.get(second);
    }

    @Override
    public void putSecond(long second, long[] times) {
        seconds.put(second, times);
    }

    @Override
    public void removeSecond(long second) {
        seconds.remove(second);
    }

    @Override
    public long secondsOf(long minute) {
        return minutes.getOrDefault(minute, 0L);
    }

    @Override
    public void putSecondsOf(long minute, long bits) {
        minutes.put(minute, bits);
    }

    @Override
    public void removeSecondsOf(long minute) {
        minutes.remove(minute);
    }

    @Override
    public void clear() {
        seconds.clear();
        minutes.clear();
    }
}
