package io.alluvium.flink.realtime.source;

import io.alluvium.flink.realtime.views.CityViews;

/** An event the per-city views ({@link CityViews}) aggregate: it happened in a city, at its event time. */
public interface CityEvent extends TimedEvent {
    String city();
}
