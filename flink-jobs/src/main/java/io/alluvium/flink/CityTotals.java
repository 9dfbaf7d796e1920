package io.alluvium.flink;

import java.util.Map;

/**
 * The aggregate a per-city view ({@link CityViews}) keeps for each window: built one event at a time,
 * mergeable, and written as the absolute values of its hash fields. Implementations are Flink POJOs
 * (public fields, public no-argument constructor), so window state is serialized without Kryo.
 *
 * @param <E> the events it counts
 * @param <S> itself
 */
interface CityTotals<E, S extends CityTotals<E, S>> {
    void add(E event);

    S merge(S other);

    /** Puts the totals' fields (the city and window start are the view's). */
    void putFields(Map<String, String> fields);
}
