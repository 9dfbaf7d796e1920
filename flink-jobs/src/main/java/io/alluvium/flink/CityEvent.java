package io.alluvium.flink;

/** An event the per-city views ({@link CityViews}) aggregate: it happened in a city, at its event time. */
interface CityEvent extends TimedEvent {
    String city();
}
