package io.alluvium.architect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decisions, the capacity they need and what it costs: the part of a design that is recomputed for
 * every what-if (an alternative service, an optimization, 10x volume, a target state).
 */
public record Sizing(Requirements requirements, Decisions decisions, CapacityPlan capacity, MonthlyCost cost) {
    /**
     * What-ifs repeat (comparing three batch engines costs each whole design, and every optimization does
     * it again), so sizings are remembered by their inputs; they are pure functions of them.
     */
    private static final int MEMO_SIZE = 4096;
    private static final Map<Key, Sizing> MEMO = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Sizing> eldest) {
            return size() > MEMO_SIZE;
        }
    };

    private record Key(Requirements requirements, Calibration calibration) {
    }

    static Sizing of(Requirements r, Calibration cal) {
        Key key = new Key(r, cal);
        synchronized (MEMO) {
            Sizing known = MEMO.get(key);
            if (known != null) {
                return known;
            }
        }
        Decisions d = ServiceSelector.decide(r, cal);
        CapacityPlan c = new CapacityPlan(r, d, cal);
        Sizing s = new Sizing(r, d, c, CostModel.estimate(r, d, c, PriceTable.forRegion(r.region())));
        synchronized (MEMO) {
            MEMO.put(key, s);
        }
        return s;
    }
}
