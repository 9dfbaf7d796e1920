package io.alluvium.flink.realtime.views;

import io.alluvium.flink.realtime.source.ClickEvent;
import java.util.Map;

/**
 * The funnel of one city's window of clickstream (an hour for {@code funnel_hour}, a minute for
 * {@code funnel_minute}): how many distinct valid events of each type (view, search, add_to_cart,
 * checkout) have their event_ts in it.
 */
public final class FunnelCounts implements CityTotals<ClickEvent> {
    public long view;
    public long search;
    public long addToCart;
    public long checkout;

    /** Every distinct event counts; none is counted distinct by another value. */
    @Override
    public String distinctMember(ClickEvent e) {
        return null;
    }

    @Override
    public void add(ClickEvent e, boolean newMember) {
        switch (e.eventType) {
            case "view" -> view++;
            case "search" -> search++;
            case "add_to_cart" -> addToCart++;
            case "checkout" -> checkout++;
            default -> throw new IllegalArgumentException("unknown event_type " + e.eventType);
        }
    }

    @Override
    public void putFields(Map<String, String> fields) {
        fields.put("view", Long.toString(view));
        fields.put("search", Long.toString(search));
        fields.put("add_to_cart", Long.toString(addToCart));
        fields.put("checkout", Long.toString(checkout));
    }
}
