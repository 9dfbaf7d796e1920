package io.alluvium.architect;

/**
 * One line of the monthly bill: a quantity in a price's unit times that price. Exists so that every
 * dollar in the report can be traced to a capacity figure and a dated price; the quantity is a
 * {@link Formula}, so its printed arithmetic is the arithmetic that was billed.
 */
public record CostLine(String id, Layer layer, String service, String item, Formula quantityFormula, String unit,
                       String priceId, String priceLabel, double usd) {

    /** The quantity in {@code unit} (a formula in bytes gives GB-months for a per-GB-month price). */
    public double quantity() {
        return quantityFormula.value() / Quantities.unitScale(unit);
    }

    /** "quantity arithmetic x price". */
    public String formula() {
        return quantityFormula.text() + " x " + priceLabel;
    }
}
