package io.alluvium.flink.realtime.views;

import java.util.Map;

/**
 * The aggregate a per-city view ({@link CityViews}) keeps for each window (an hour, a minute): built one
 * event at a time and written as the absolute values of its hash fields. A distinct count is kept by the
 * window ({@link CityHourWindow}: one state entry per member, never a set inside the totals), so the totals
 * stay a few numbers however many events they count. Implementations are Flink POJOs (public fields, public
 * no-argument constructor), so window state is serialized without Kryo.
 *
 * @param <E> the events it counts
 */
interface CityTotals<E> {
    /** What the event adds to the window's distinct count (the buyer of a paid order), or null. */
    String distinctMember(E event);

    /** Adds the event; {@code newMember}: its {@link #distinctMember} is not yet in the window. */
    void add(E event, boolean newMember);

    /** Puts the totals' fields (the city and window start are the view's). */
    void putFields(Map<String, String> fields);
}
