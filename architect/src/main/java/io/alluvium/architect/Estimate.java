package io.alluvium.architect;

/**
 * One capacity figure with the arithmetic that produced it, so that the reader can check it with a
 * calculator ("events/s peak = 1,157,407 events/s x 3 peak factor"). The figure is the formula's value in
 * {@code unit}: a formula in bytes gives a figure in "GB" or "MB/s" by that unit's size (see {@link Formula}).
 */
public record Estimate(String id, String label, String unit, Formula formula) {
    public double value() {
        return formula.value() / Quantities.unitScale(unit);
    }
}
