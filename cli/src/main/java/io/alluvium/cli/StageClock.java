package io.alluvium.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock seconds of each stage of a multi-stage command, for the summary line. */
public final class StageClock {
    private final Map<String, Double> laps = new LinkedHashMap<>();
    private long last = System.nanoTime();

    public void lap(String stage) {
        long now = System.nanoTime();
        laps.put(stage, Math.round((now - last) / 1e8) / 10.0);
        last = now;
    }

    public Map<String, Double> laps() {
        return laps;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        laps.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }
}
