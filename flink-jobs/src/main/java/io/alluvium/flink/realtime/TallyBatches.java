package io.alluvium.flink.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds up the tallies of one operator's subtask before they cross the network to the counter of {@link
 * Tallies}: one record per topic and name every {@code realtime.flush-interval} instead of one per event (an
 * earlier version sent each event's tally on its own, a network hop per event for counting alone). What it
 * holds is sent on before every checkpoint barrier and at the end of the input ({@link HeldOutput}), so the
 * counts stay exact across restores.
 */
final class TallyBatches extends HeldOutput<Tally, Tally> {
    private static final long serialVersionUID = 1L;

    private transient Map<String, Tally> pending;

    TallyBatches(long intervalMillis) {
        super(intervalMillis);
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new LinkedHashMap<>();
    }

    @Override
    protected void hold(Tally tally) {
        pending.computeIfAbsent(tally.key(), k -> new Tally(tally.topic, tally.name, 0)).count += tally.count;
    }

    @Override
    protected void sendHeld() {
        pending.values().forEach(this::send);
        pending.clear();
    }
}
