package io.alluvium.architect;

import static io.alluvium.architect.Quantities.usd;

import java.util.Map;

/**
 * Prices a rejected alternative as the best whole design with it, beside the chosen one. Exists so that every
 * "not X" in the report follows the numbers: an alternative that would cost less is named as cheaper, with the
 * reason it was still not chosen (the file fixed the knob, or the latency or rule that decided it).
 */
final class AlternativeCost {
    private AlternativeCost() {
    }

    static String of(Requirements r, Calibration cal, Decisions d, Knob<?> knob, Knob.Choice value) {
        double chosen = Sizing.of(r, cal).cost().total();
        double alternative = Sizing.of(r.withChoices(Map.of(knob, value)), cal).cost().total();
        String verdict = alternative >= chosen ? usd(alternative - chosen) + " more"
                : usd(chosen - alternative) + " less, not chosen because " + d.reason(knob);
        return "; with it (and the file's other choices) the design costs " + usd(alternative) + "/month, " + verdict;
    }
}
