package io.alluvium.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Invariant 3 (docs/architecture.md#invariants) counted: every city-hour of {@code gold.city_hourly_sales} and every
 * {@code city_hour:*} key of the serving store, matched by key ({@code city_hour:<city>:<yyyy-MM-ddTHH>}), is
 * equal, missing in the store, extra in the store (no Gold row) or different; a few of the unequal ones are kept
 * with both sides, so that a failure shows what differs, not only how often.
 *
 * @param compared the city-hours of either view (equal + missing + extra + different)
 * @param examples up to {@link #MAX_EXAMPLES} unequal city-hours, in key order
 */
public record CityHourComparison(long compared, long equal, long missingInStore, long extraInStore, long different,
                                 List<Example> examples, boolean holds) implements ServingStoreCheck.Outcome {
    static final int MAX_EXAMPLES = 5;

    /** One unequal city-hour; a side without it is {@code null}. */
    public record Example(String key, CityHourFacts gold, CityHourFacts servingStore) {
    }

    /** Both views by {@code city_hour} key. */
    static CityHourComparison of(Map<String, CityHourFacts> gold, Map<String, CityHourFacts> store) {
        SortedSet<String> keys = new TreeSet<>(gold.keySet());
        keys.addAll(store.keySet());
        long equal = 0;
        long missing = 0;
        long extra = 0;
        long different = 0;
        List<Example> examples = new ArrayList<>();
        for (String key : keys) {
            CityHourFacts g = gold.get(key);
            CityHourFacts s = store.get(key);
            if (g != null && s != null && g.sameAs(s)) {
                equal++;
                continue;
            }
            if (s == null) {
                missing++;
            } else if (g == null) {
                extra++;
            } else {
                different++;
            }
            if (examples.size() < MAX_EXAMPLES) {
                examples.add(new Example(key, g, s));
            }
        }
        return new CityHourComparison(keys.size(), equal, missing, extra, different, examples, equal == keys.size());
    }
}
