package io.alluvium.architect;

/**
 * One line of the monthly bill: a quantity in a price's unit times that price. Exists so that every
 * dollar in the report can be traced to a capacity figure and a dated price.
 */
public record CostLine(String id, Layer layer, String service, String item, double quantity, String unit,
                       String priceId, String priceLabel, double usd, String formula) {
}
