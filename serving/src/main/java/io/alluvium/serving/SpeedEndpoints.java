package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.serving.Endpoint.Answer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The endpoints of the read-only API, one method each: each checks its query, reads the {@link SpeedView} — city
 * sales per hour through {@link CityHourReads}, as {@code serving.view} says — and answers JSON. Failures are thrown
 * and answered by {@link ApiHandler}.
 */
final class SpeedEndpoints {
    static final String FROM = "from";
    static final String TO = "to";
    static final String CITY = "city";
    static final String LIMIT = "limit";
    static final String SINCE = "since";
    static final String USER_ID = "user_id";
    static final int DEFAULT_ALERTS = 50;
    static final int MAX_ALERTS = 1000;
    static final String SERVING_VIEW = "serving_view";

    private final SpeedView view;
    private final CityHourReads cityHours;

    SpeedEndpoints(SpeedView view, CityHourReads cityHours) {
        this.view = view;
        this.cityHours = cityHours;
    }

    /** {@code GET /health}: 200 when the store answers PING, 503 otherwise. */
    Answer health(Map<String, List<String>> parameters, Map<String, String> path) {
        Query.of(parameters);
        ObjectNode body = HashDecoder.JSON.createObjectNode().put("store", view.endpoint().toString());
        try {
            view.ping();
            return Answer.ok(body.put("status", "up"));
        } catch (JedisException e) {
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE_503, body.put("status", "down")
                    .put("error", e.getMessage()));
        }
    }

    /**
     * {@code GET /cities/hours}, {@code /cities/minutes}, {@code /funnel/hours}, {@code /funnel/minutes}
     * {@code ?from&to[&city]}: the rows of {@code series} in the range and their totals; of every listed city when
     * no city is given, which only the sales series allow (the funnel's cities are listed nowhere). City sales per
     * hour are answered as {@code serving.view} says, with the batch version read; the other series are the speed
     * view's alone (Gold has neither minutes nor an hourly funnel), and say so.
     */
    Endpoint range(CitySeries series) {
        return (parameters, path) -> {
            Query query = Query.of(parameters, FROM, TO, CITY);
            Instant from = TimeRange.parseTime(FROM, query.required(FROM));
            Instant to = TimeRange.parseTime(TO, query.required(TO));
            TimeRange range = new TimeRange(series.grain, from, to);
            Optional<String> city = series.citiesListed ? query.text(CITY) : Optional.of(query.required(CITY));
            CityHourReads.Answer answer = series == CitySeries.CITY_HOUR ? cityHours.read(range, city)
                    : new CityHourReads.Answer(ServedView.SPEED, Optional.empty(),
                            view.rows(series, range, city.map(List::of).orElseGet(view::cities)));
            ObjectNode body = HashDecoder.JSON.createObjectNode()
                    .put(FROM, range.from().toString())
                    .put(TO, range.to().toString());
            body.put(CITY, city.orElse(null));
            body.put(SERVING_VIEW, answer.view().label());
            body.set(HashDecoder.BATCH, answer.batchJson());
            body.putArray("rows").addAll(answer.rows());
            body.set("totals", RangeTotals.of(series, answer.rows()).put(HashDecoder.SOURCE, answer.view().label()));
            return Answer.ok(body);
        };
    }

    /** {@code GET /users/{user_id}/features}: the user's hash, 404 when there is none. */
    Answer userFeatures(Map<String, List<String>> parameters, Map<String, String> path) {
        Query.of(parameters);
        String userId = path.get(USER_ID);
        return view.userFeatures(userId).map(Answer::ok).orElseGet(() -> new Answer(HttpStatus.NOT_FOUND_404,
                ServingApi.error(HttpStatus.NOT_FOUND_404, "no features for user \"" + userId + "\"")));
    }

    /** {@code GET /alerts?limit&since}: the newest alerts first. */
    Answer alerts(Map<String, List<String>> parameters, Map<String, String> path) {
        Query query = Query.of(parameters, LIMIT, SINCE);
        int limit = query.integer(LIMIT, DEFAULT_ALERTS, 1, MAX_ALERTS);
        Optional<Instant> since = query.time(SINCE);
        ObjectNode body = HashDecoder.JSON.createObjectNode().put(LIMIT, limit);
        body.put(SINCE, since.map(Instant::toString).orElse(null));
        body.putArray("alerts").addAll(view.alerts(limit, since));
        return Answer.ok(body);
    }

    /** {@code GET /counts}: every {@code realtime:<stream>:counts} hash. */
    Answer counts(Map<String, List<String>> parameters, Map<String, String> path) {
        Query.of(parameters);
        ObjectNode body = HashDecoder.JSON.createObjectNode();
        body.putArray("counts").addAll(view.counts());
        return Answer.ok(body);
    }
}
