package io.alluvium.architect;

import java.util.Map;

/**
 * A proposed change with its effect in numbers (seed step 5): the monthly cost before and after, re-costed
 * by the same model, and the capacity figures it moves (bytes scanned, files, GB through NAT...).
 */
public record Optimization(String name, Map<Knob, String> changes, double costBefore, double costAfter, String effect) {

    public double savingsUsd() {
        return costBefore - costAfter;
    }

    public double savingsPercent() {
        return costBefore == 0 ? 0 : 100 * savingsUsd() / costBefore;
    }
}
