package io.alluvium.architect;

import java.util.Collections;
import java.util.Map;

/**
 * The value of every {@link Knob} for one design, and whether the requirements fixed it or the
 * architect chose it. Exists so that capacity and cost read decisions from one place, and so that an
 * optimization can be expressed as "the same decisions with one knob moved".
 */
public final class Decisions {
    private final Map<Knob<?>, Knob.Choice> values;
    private final Map<Knob<?>, Boolean> fixed;
    private final Map<Knob<?>, String> reasons;

    Decisions(Map<Knob<?>, Knob.Choice> values, Map<Knob<?>, Boolean> fixed, Map<Knob<?>, String> reasons) {
        for (Knob<?> k : Knob.values()) {
            if (!values.containsKey(k)) {
                throw new IllegalStateException("no decision for " + k.key());
            }
            k.cast(values.get(k));
        }
        this.values = Collections.unmodifiableMap(copy(values));
        this.fixed = Collections.unmodifiableMap(copy(fixed));
        this.reasons = Collections.unmodifiableMap(copy(reasons));
    }

    /** Why the value was chosen: "fixed by the requirements", or the costs the architect compared. */
    public String reason(Knob<?> knob) {
        return fixedByRequirements(knob) ? "fixed by the requirements (choices." + knob.key() + ")" : reasons.getOrDefault(knob, "rule of thumb");
    }

    private static <V> Map<Knob<?>, V> copy(Map<Knob<?>, V> m) {
        Map<Knob<?>, V> out = Knob.map();
        out.putAll(m);
        return out;
    }

    public <V extends Enum<V> & Knob.Choice> V get(Knob<V> knob) {
        return knob.cast(values.get(knob));
    }

    public <V extends Enum<V> & Knob.Choice> boolean is(Knob<V> knob, V value) {
        return values.get(knob) == value;
    }

    /** For the true/false knobs. */
    public boolean on(Knob<Knob.Flag> knob) {
        return is(knob, Knob.Flag.TRUE);
    }

    /** Whether this design has a knob at a value (a symptom's cause, a naive alternative). */
    boolean holds(Knob.Setting setting) {
        return values.get(setting.knob()) == setting.value();
    }

    public boolean fixedByRequirements(Knob<?> knob) {
        return fixed.getOrDefault(knob, false);
    }

    /** Every knob's value, in the report's order. */
    public Map<Knob<?>, Knob.Choice> all() {
        return values;
    }
}
