package io.alluvium.architect;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The value of every {@link Knob} for one design, and whether the requirements fixed it or the
 * architect chose it. Exists so that capacity and cost read decisions from one place, and so that an
 * optimization can be expressed as "the same decisions with one knob moved".
 */
public final class Decisions {
    private final Map<Knob, String> values;
    private final Map<Knob, Boolean> fixed;
    private final Map<Knob, String> reasons;

    Decisions(Map<Knob, String> values, Map<Knob, Boolean> fixed, Map<Knob, String> reasons) {
        for (Knob k : Knob.values()) {
            if (!values.containsKey(k)) {
                throw new IllegalStateException("no decision for " + k.key());
            }
            k.checked(values.get(k));
        }
        this.values = Collections.unmodifiableMap(copy(values));
        this.fixed = Collections.unmodifiableMap(copy(fixed));
        this.reasons = Collections.unmodifiableMap(copy(reasons));
    }

    /** Why the value was chosen: "fixed by the requirements", or the costs the architect compared. */
    public String reason(Knob knob) {
        return fixedByRequirements(knob) ? "fixed by the requirements (choices." + knob.key() + ")" : reasons.getOrDefault(knob, "rule of thumb");
    }

    private static <V> Map<Knob, V> copy(Map<Knob, V> m) {
        Map<Knob, V> out = new EnumMap<>(Knob.class);
        out.putAll(m);
        return out;
    }

    public String get(Knob knob) {
        return values.get(knob);
    }

    public boolean is(Knob knob, String value) {
        return values.get(knob).equals(knob.checked(value));
    }

    /** For the true/false knobs. */
    public boolean on(Knob knob) {
        return is(knob, "true");
    }

    public boolean fixedByRequirements(Knob knob) {
        return fixed.getOrDefault(knob, false);
    }

    public Map<Knob, String> all() {
        return values;
    }
}
