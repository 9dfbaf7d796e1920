package io.alluvium.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.domain.ServingKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One lookup a client of the serving store makes, as the API's path and as the store key it reads: so that a
 * load test can make the same lookups over HTTP and directly against Redis.
 */
public sealed interface ServingLookup {
    /** The path and query under {@link ServingApi#PREFIX}. */
    String path();

    /** The hash the lookup reads. */
    String key();

    /** Whether the API's 200 answer holds what the lookup asked for. */
    boolean found(JsonNode answer);

    /** A user's features. */
    record UserFeatures(String userId) implements ServingLookup {
        @Override
        public String path() {
            return "/users/" + encode(userId) + "/features";
        }

        @Override
        public String key() {
            return ServingKeys.user(userId);
        }

        /** A user without features is a 404, so any 200 found them. */
        @Override
        public boolean found(JsonNode answer) {
            return true;
        }
    }

    /** One city's sales of one hour (a range of one hour, with its totals). */
    record CityHour(String city, Instant hourStart) implements ServingLookup {
        @Override
        public String path() {
            return "/cities/hours?from=" + ServingKeys.hourText(hourStart) + "&to="
                    + ServingKeys.hourText(hourStart.plusSeconds(3600)) + "&city=" + encode(city);
        }

        @Override
        public String key() {
            return ServingKeys.cityHour(city, hourStart);
        }

        /** A range without sales is a 200 with no rows. */
        @Override
        public boolean found(JsonNode answer) {
            return !answer.path("rows").isEmpty();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
