package io.alluvium.architect;

import java.util.List;
import java.util.Optional;

/**
 * A reviewed architecture: the requirements with their assumptions, the decisions and services with why,
 * capacity, monthly cost, bottlenecks, optimizations, failure model and evolution (and a diagnosis for a
 * current-state file). Exists as the one value every renderer prints.
 */
public record Design(Sizing sizing, Calibration calibration, PriceTable prices, List<ServiceChoice> services,
                     List<Bottleneck> bottlenecks, List<Optimization> optimizations, FailureModel failureModel,
                     Optional<Diagnosis> diagnosis) {

    public Requirements requirements() {
        return sizing.requirements();
    }

    public Decisions decisions() {
        return sizing.decisions();
    }

    public CapacityPlan capacity() {
        return sizing.capacity();
    }

    public MonthlyCost cost() {
        return sizing.cost();
    }
}
