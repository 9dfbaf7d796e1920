package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingFields.Type;
import java.math.BigDecimal;
import java.util.List;

/**
 * The totals of a range of rows of a {@link CitySeries}: the sum of each additive field, so that summing the rows
 * a client received gives exactly these. {@code distinct_buyers} has no total: a buyer of two hours counts once
 * in each, so the sum of distinct counts is not a distinct count.
 */
final class RangeTotals {
    /** The additive fields of the sales rows ({@code city_hour}, {@code city_minute}): counts, then the amount. */
    static final List<String> SALES = List.of(ServingFields.ORDERS_CREATED, ServingFields.ORDERS_PAID,
            ServingFields.ORDERS_CANCELLED, ServingFields.ITEMS_SOLD, ServingFields.PAID_AMOUNT);
    /** Two places, as the store keeps amounts: the total of no rows still reads {@code 0.00}. */
    private static final BigDecimal ZERO_AMOUNT = new BigDecimal("0.00");

    private RangeTotals() {
    }

    static ObjectNode of(CitySeries series, List<ObjectNode> rows) {
        ObjectNode totals = HashDecoder.row().put("rows", rows.size());
        for (String field : series.additive) {
            if (series.fields.get(field) == Type.DECIMAL) {
                BigDecimal sum = rows.stream().map(r -> r.path(field))
                        .filter(v -> !v.isMissingNode()).map(v -> new BigDecimal(v.asText()))
                        .reduce(ZERO_AMOUNT, BigDecimal::add);
                totals.put(field, sum.toPlainString());
            } else {
                totals.put(field, rows.stream().mapToLong(r -> r.path(field).asLong()).sum());
            }
        }
        return totals;
    }
}
