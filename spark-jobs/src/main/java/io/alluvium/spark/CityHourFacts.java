package io.alluvium.spark;

import static io.alluvium.domain.ServingFields.DISTINCT_BUYERS;
import static io.alluvium.domain.ServingFields.ITEMS_SOLD;
import static io.alluvium.domain.ServingFields.ORDERS_CANCELLED;
import static io.alluvium.domain.ServingFields.ORDERS_CREATED;
import static io.alluvium.domain.ServingFields.ORDERS_PAID;
import static io.alluvium.domain.ServingFields.PAID_AMOUNT;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The numbers of one city-hour that invariant 3 compares ({@code ServingFields.CITY_HOUR_FACTS}, in that order),
 * as either view holds them: a row of
 * {@code gold.city_hourly_sales} or a serving store hash ({@code ServingFields.CITY_HOUR}, every value text).
 * A store field that is missing or not a number is {@code null}, so that it differs from Gold and shows as such.
 */
public record CityHourFacts(Long ordersCreated, Long ordersPaid, Long ordersCancelled, BigDecimal paidAmount,
                            Long distinctBuyers, Long itemsSold) {

    /** The facts of a store hash {@code city_hour:<city>:<hour>}. */
    static CityHourFacts ofStoreHash(Map<String, String> hash) {
        return new CityHourFacts(count(hash.get(ORDERS_CREATED)), count(hash.get(ORDERS_PAID)),
                count(hash.get(ORDERS_CANCELLED)), amount(hash.get(PAID_AMOUNT)),
                count(hash.get(DISTINCT_BUYERS)), count(hash.get(ITEMS_SOLD)));
    }

    /** Equal facts: every count the same and the paid amounts equal as exact decimals (20.5 = 20.50). */
    boolean sameAs(CityHourFacts other) {
        return Objects.equals(ordersCreated, other.ordersCreated) && Objects.equals(ordersPaid, other.ordersPaid)
                && Objects.equals(ordersCancelled, other.ordersCancelled)
                && (paidAmount == null ? other.paidAmount == null
                        : other.paidAmount != null && paidAmount.compareTo(other.paidAmount) == 0)
                && Objects.equals(distinctBuyers, other.distinctBuyers) && Objects.equals(itemsSold, other.itemsSold);
    }

    private static Long count(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal amount(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
