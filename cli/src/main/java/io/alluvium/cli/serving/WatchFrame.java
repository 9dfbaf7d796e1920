package io.alluvium.cli.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.serving.CityHourReads;
import io.alluvium.serving.SpeedView;
import io.alluvium.serving.TimeRange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One screen of {@code alluvium watch}, read from the serving store at one moment: the top cities by paid amount
 * in the current UTC hour — or, when that hour has no sales yet (generated events carry past times), in the
 * newest hour the realtime job wrote — as {@code serving.view} answers them (each row with its source, batch or
 * speed: flink-jobs/REALTIME.md, *Batch view*), the latest alerts and the counts. Shown as tables, or as one JSON
 * document.
 *
 * @param servingView    the view that answered the cities ({@code serving.view})
 * @param batchWatermark the watermark of the batch version read; null when none is published (or the view is speed)
 * @param hour           the hour of {@code topCities}; null when the store has no hourly sales at all
 * @param currentHour    whether {@code hour} is the current UTC hour
 */
record WatchFrame(Instant at, String store, String servingView, Instant batchWatermark, Instant hour,
                  boolean currentHour, List<ObjectNode> topCities, List<ObjectNode> alerts, List<ObjectNode> counts) {
    static final int ALERTS = 10;
    private static final List<String> CITY_COLUMNS = List.of(ServingFields.CITY, "source", ServingFields.PAID_AMOUNT,
            ServingFields.ORDERS_PAID, ServingFields.ORDERS_CREATED, ServingFields.ORDERS_CANCELLED,
            ServingFields.DISTINCT_BUYERS, ServingFields.ITEMS_SOLD);
    private static final List<String> ALERT_COLUMNS = List.of(ServingFields.EVENT_TS, "rule", "user_id",
            ServingFields.ALERT_ID);

    static WatchFrame read(SpeedView view, CityHourReads cityHours, Instant now, int top) {
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        CityHourReads.Answer answer = cityHours.read(TimeRange.hour(thisHour), Optional.empty());
        Instant hour = thisHour;
        if (answer.rows().isEmpty()) {
            Optional<Instant> newest = view.newestHour();
            hour = newest.orElse(null);
            if (newest.isPresent()) {
                answer = cityHours.read(TimeRange.hour(newest.get()), Optional.empty());
            }
        }
        List<ObjectNode> topCities = answer.rows().stream()
                .sorted(Comparator.comparing((ObjectNode r) -> paid(r)).reversed()
                        .thenComparing(r -> r.path(ServingFields.CITY).asText()))
                .limit(top)
                .toList();
        return new WatchFrame(now, view.endpoint().toString(), answer.view().label(),
                answer.batch().map(BatchVersion::watermark).orElse(null), hour, thisHour.equals(hour), topCities,
                view.alerts(ALERTS, Optional.empty()), view.counts());
    }

    private static BigDecimal paid(ObjectNode row) {
        JsonNode amount = row.path(ServingFields.PAID_AMOUNT);
        return amount.isMissingNode() ? BigDecimal.ZERO : new BigDecimal(amount.asText());
    }

    ObjectNode toJson() {
        ObjectNode doc = Console.JSON.createObjectNode();
        doc.put("at", at.toString());
        doc.put("store", store);
        doc.put("serving_view", servingView);
        doc.put("batch_watermark", batchWatermark == null ? null : batchWatermark.toString());
        doc.put("hour", hour == null ? null : hour.toString());
        doc.put("hour_is_current", currentHour);
        doc.putArray("top_cities").addAll(topCities);
        doc.putArray("alerts").addAll(alerts);
        doc.putArray("counts").addAll(counts);
        return doc;
    }

    void print(Console console) {
        console.info("serving store " + store + " at " + at.truncatedTo(ChronoUnit.SECONDS) + ", serving.view "
                + servingView + (batchWatermark == null ? "" : " (batch up to hour "
                + ServingKeys.hourText(batchWatermark) + " UTC, speed after)"));
        console.info("");
        if (hour == null) {
            console.info("Top cities: the store has no hourly sales yet (is `alluvium stream start realtime` running?)");
        } else {
            console.info("Top cities by paid amount, hour " + ServingKeys.hourText(hour) + " UTC"
                    + (currentHour ? " (current hour)" : " (newest hour in the store; the current hour has no sales)"));
            console.table(CITY_COLUMNS, cells(topCities, CITY_COLUMNS));
        }
        console.info("Latest alerts" + (alerts.isEmpty() ? ": none" : ""));
        if (!alerts.isEmpty()) {
            console.table(ALERT_COLUMNS, cells(alerts, ALERT_COLUMNS));
        }
        console.info("Counts" + (counts.isEmpty() ? ": none" : ""));
        if (!counts.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            counts.forEach(c -> c.path("counts").properties().forEach(count ->
                    rows.add(List.of(c.path("stream").asText(), count.getKey(), count.getValue().asText()))));
            console.table(List.of("stream", "count", "value"), rows);
        }
    }

    private static List<List<String>> cells(List<ObjectNode> rows, List<String> columns) {
        return rows.stream().map(r -> columns.stream().map(c -> r.path(c).asText("")).toList()).toList();
    }
}
