package io.alluvium.architect;

import java.util.List;
import java.util.Optional;

/**
 * The seed's method as one call: requirements (assumptions filled) -> decisions and services -> capacity
 * -> cost -> bottlenecks -> optimizations -> failure model and evolution (-> diagnosis). Pure arithmetic
 * over data; no network, no engine.
 */
public final class Architect {
    private Architect() {
    }

    public static Design design(Requirements r, Calibration cal) {
        Sizing s = Sizing.of(r, cal);
        PriceTable prices = PriceTable.forRegion(r.region());
        List<ServiceChoice> services = ServiceExplanations.of(r, s.decisions(), s.capacity(), cal, prices);
        List<Bottleneck> bottlenecks = BottleneckDetector.detect(r, s.decisions(), s.capacity(), s.cost(), cal, prices);
        List<Optimization> optimizations = OptimizationAdvisor.advise(s, cal);
        Optional<Diagnosis> diagnosis = r.symptoms().isEmpty() ? Optional.empty() : Optional.of(Diagnosis.of(s, bottlenecks, cal));
        return new Design(s, cal, prices, services, bottlenecks, optimizations, FailureModel.of(s, cal), diagnosis);
    }
}
