package io.alluvium.architect;

import java.util.Map;

/**
 * A proposed change with its effect in numbers (seed step 5): the monthly cost before and after, re-costed
 * by the same model, and the capacity figures it moves (bytes scanned, files, GB through NAT...). An
 * applied practice is priced the other way round (a design without it, before), so its saving is what the
 * design already has, not money still to save: the kind keeps the two apart.
 */
public record Optimization(Kind kind, String name, Map<Knob<?>, Knob.Choice> changes, double costBefore, double costAfter, String effect) {

    /** A knob to move, tuning beyond the knobs, all changes together, or a practice the design already applies. */
    public enum Kind {
        CHANGE, TUNING, ALL, APPLIED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public double savingsUsd() {
        return costBefore - costAfter;
    }

    public double savingsPercent() {
        return costBefore == 0 ? 0 : 100 * savingsUsd() / costBefore;
    }
}
