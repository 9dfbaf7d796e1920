package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.domain.ServingKeys;
import io.alluvium.serving.ServingApiTest.Answer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API's minutes of city sales and its clickstream funnel per hour and minute, for real: a redis-server (with a
 * password) holding {@code city_minute}, {@code funnel_hour} and {@code funnel_minute} hashes written as
 * REALTIME.md says, requests over HTTP, every answer compared with what was written.
 */
class MinutesAndFunnelApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ServedStore served = new ServedStore();

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return ServingApiTest.request(served.api(), "GET", pathAndQuery);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static Instant minute(String text) {
        return ServingKeys.parseMinute(text).orElseThrow();
    }

    private static Instant hour(String text) {
        return ServingKeys.parseHour(text).orElseThrow();
    }

    private static void cityMinute(String city, String minute, long created, long paid, long cancelled, String amount,
                                   long buyers, long items) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("city", city);
        hash.put("minute_start", minute(minute).toString());
        hash.put("orders_created", Long.toString(created));
        hash.put("orders_paid", Long.toString(paid));
        hash.put("orders_cancelled", Long.toString(cancelled));
        hash.put("paid_amount", amount);
        hash.put("distinct_buyers", Long.toString(buyers));
        hash.put("items_sold", Long.toString(items));
        served.store().writer().hset(ServingKeys.cityMinute(city, minute(minute)), hash);
    }

    private static Map<String, String> funnel(String city, String startField, Instant start, long view, long search,
                                              long addToCart, long checkout) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("city", city);
        hash.put(startField, start.toString());
        hash.put("view", Long.toString(view));
        hash.put("search", Long.toString(search));
        hash.put("add_to_cart", Long.toString(addToCart));
        hash.put("checkout", Long.toString(checkout));
        return hash;
    }

    private static void funnelHour(String city, String hour, long view, long search, long addToCart, long checkout) {
        served.store().writer().hset(ServingKeys.funnelHour(city, hour(hour)),
                funnel(city, "hour_start", hour(hour), view, search, addToCart, checkout));
    }

    private static void funnelMinute(String city, String minute, long view, long search, long addToCart,
                                     long checkout) {
        served.store().writer().hset(ServingKeys.funnelMinute(city, minute(minute)),
                funnel(city, "minute_start", minute(minute), view, search, addToCart, checkout));
    }

    private static void minutesOfThreeCities() {
        cityMinute("Paris", "2026-11-01T05:59", 2, 1, 0, "10.05", 1, 2);
        cityMinute("Paris", "2026-11-01T06:00", 1, 1, 0, "0.95", 1, 1);
        cityMinute("Paris", "2026-11-01T06:01", 7, 7, 0, "70.00", 7, 7);
        cityMinute("Berlin", "2026-11-01T06:00", 3, 2, 1, "20.00", 2, 4);
        cityMinute("Madrid", "2026-11-01T04:00", 1, 1, 0, "5.00", 1, 1);
        served.store().writer().sadd(ServingKeys.CITIES, "Paris", "Berlin", "Madrid");
    }

    private static final String PARIS_0559 = "{'source':'speed','city':'Paris','minute_start':'2026-11-01T05:59:00Z',"
            + "'orders_created':2,'orders_paid':1,'orders_cancelled':0,'paid_amount':'10.05','distinct_buyers':1,"
            + "'items_sold':2}";
    private static final String PARIS_0600 = "{'source':'speed','city':'Paris','minute_start':'2026-11-01T06:00:00Z',"
            + "'orders_created':1,'orders_paid':1,'orders_cancelled':0,'paid_amount':'0.95','distinct_buyers':1,"
            + "'items_sold':1}";
    private static final String BERLIN_0600 = "{'source':'speed','city':'Berlin','minute_start':'2026-11-01T06:00:00Z',"
            + "'orders_created':3,'orders_paid':2,'orders_cancelled':1,'paid_amount':'20.00','distinct_buyers':2,"
            + "'items_sold':4}";

    @Test
    void cityMinutesAreTheHashesOfTheRangeByMinuteThenCityWithTotals() throws Exception {
        minutesOfThreeCities();
        Answer answer = get("/cities/minutes?from=2026-11-01T05:59&to=2026-11-01T06:01");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(json("{'from':'2026-11-01T05:59:00Z','to':'2026-11-01T06:01:00Z',"
                + "'city':null,'serving_view':'speed','batch':null,'rows':[" + PARIS_0559 + "," + BERLIN_0600 + ","
                + PARIS_0600 + "],"
                + "'totals':{'source':'speed','rows':3,'orders_created':6,'orders_paid':4,'orders_cancelled':1,"
                + "'items_sold':7,'paid_amount':'31.00'}}"));
    }

    @Test
    void oneCitysMinutesFromAnInstantTakenDownToItsMinute() throws Exception {
        minutesOfThreeCities();
        Answer answer = get("/cities/minutes?from=2026-11-01T05:59:30Z&to=2026-11-01T06:00:00.001Z&city=Paris");
        assertThat(answer.body().path("from").asText()).isEqualTo("2026-11-01T05:59:00Z");
        assertThat(answer.body().path("city").asText()).isEqualTo("Paris");
        assertThat(answer.body().path("rows")).isEqualTo(json("[" + PARIS_0559 + "," + PARIS_0600 + "]"));
        // without the city set, the cities are those of the city_hour keys (the job writes a minute's hour with it)
        served.store().writer().del(ServingKeys.CITIES);
        served.store().writer().hset(ServingKeys.cityHour("Berlin", hour("2026-11-01T06")), "city", "Berlin");
        assertThat(get("/cities/minutes?from=2026-11-01T05:59&to=2026-11-01T06:01").body().path("rows"))
                .isEqualTo(json("[" + BERLIN_0600 + "]"));
    }

    @Test
    void sixHoursOfMinutesAtMost() throws Exception {
        minutesOfThreeCities();
        Answer sixHours = get("/cities/minutes?from=2026-11-01T00:00&to=2026-11-01T06:00:59Z&city=Paris");
        assertThat(sixHours.status()).isEqualTo(400);
        assertThat(sixHours.body().path("error").asText()).contains("at most 6 hours of minutes");
        Answer justSix = get("/cities/minutes?from=2026-11-01T00:00:30Z&to=2026-11-01T06:00&city=Paris");
        assertThat(justSix.status()).isEqualTo(200);
        assertThat(justSix.body().path("rows")).isEqualTo(json("[" + PARIS_0559 + "]"));
    }

    @Test
    void theFunnelPerHourIsOneCitysHashesWithTotals() throws Exception {
        funnelHour("Paris", "2026-11-01T05", 40, 20, 10, 5);
        funnelHour("Paris", "2026-11-01T06", 4, 3, 2, 1);
        funnelHour("Paris", "2026-11-01T07", 1, 1, 1, 1);
        funnelHour("Berlin", "2026-11-01T05", 9, 9, 9, 9);
        Answer answer = get("/funnel/hours?city=Paris&from=2026-11-01T05&to=2026-11-01T07");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(json("{'from':'2026-11-01T05:00:00Z','to':'2026-11-01T07:00:00Z',"
                + "'city':'Paris','serving_view':'speed','batch':null,'rows':["
                + "{'source':'speed','city':'Paris','hour_start':'2026-11-01T05:00:00Z','view':40,'search':20,"
                + "'add_to_cart':10,'checkout':5},"
                + "{'source':'speed','city':'Paris','hour_start':'2026-11-01T06:00:00Z','view':4,'search':3,"
                + "'add_to_cart':2,'checkout':1}],"
                + "'totals':{'source':'speed','rows':2,'view':44,'search':23,'add_to_cart':12,'checkout':6}}"));
    }

    @Test
    void theFunnelPerMinuteIsOneCitysHashesWithTotals() throws Exception {
        funnelMinute("Paris", "2026-11-01T05:00", 3, 2, 1, 0);
        funnelMinute("Paris", "2026-11-01T05:01", 5, 0, 0, 1);
        funnelMinute("Rome", "2026-11-01T05:00", 7, 7, 7, 7);
        Answer answer = get("/funnel/minutes?city=Paris&from=2026-11-01T05:00&to=2026-11-01T05:02");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(json("{'from':'2026-11-01T05:00:00Z','to':'2026-11-01T05:02:00Z',"
                + "'city':'Paris','serving_view':'speed','batch':null,'rows':["
                + "{'source':'speed','city':'Paris','minute_start':'2026-11-01T05:00:00Z','view':3,'search':2,"
                + "'add_to_cart':1,'checkout':0},"
                + "{'source':'speed','city':'Paris','minute_start':'2026-11-01T05:01:00Z','view':5,'search':0,"
                + "'add_to_cart':0,'checkout':1}],"
                + "'totals':{'source':'speed','rows':2,'view':8,'search':2,'add_to_cart':1,'checkout':1}}"));
        Answer empty = get("/funnel/minutes?city=Madrid&from=2026-11-01T05:00&to=2026-11-01T05:02");
        assertThat(empty.body().path("rows")).isEmpty();
        assertThat(empty.body().path("totals")).isEqualTo(json("{'source':'speed','rows':0,'view':0,'search':0,"
                + "'add_to_cart':0,'checkout':0}"));
    }

    @Test
    void badQueriesAre400NamingTheParameter() throws Exception {
        String[][] cases = {
            {"/funnel/hours?from=2026-11-01T05&to=2026-11-01T07", "city", "is required"},
            {"/funnel/minutes?from=2026-11-01T05:00&to=2026-11-01T05:02", "city", "is required"},
            {"/funnel/minutes?city=Paris&from=2026-11-01T05:00&to=2026-11-01T11:01", "to", "at most 6 hours"},
            {"/funnel/hours?city=Paris&from=2026-10-01T00&to=2026-11-01T01", "to", "at most 31 days"},
            {"/funnel/minutes?city=Paris&from=2026-11-01T05:3&to=2026-11-01T05:40", "from", "or a minute"},
            {"/funnel/minutes?city=Paris&from=2026-11-01T05:30&to=2026-11-01T05:30", "to", "must be after from"},
            {"/funnel/hours?city=Paris&from=2026-11-01T05&to=2026-11-01T07&step=view", "step", "unknown parameter"},
            {"/funnel/hours?city=&from=2026-11-01T05&to=2026-11-01T07", "city", "is empty"},
            {"/cities/minutes?to=2026-11-01T05:30", "from", "is required"},
            {"/cities/minutes?from=2026-11-01T05:00&to=tomorrow", "to", "expected an ISO-8601 instant"},
        };
        for (String[] c : cases) {
            Answer answer = get(c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(answer.body().path("error").asText()).as(c[0]).contains(c[2]);
            assertThat(answer.body().path("status").asInt()).as(c[0]).isEqualTo(400);
        }
    }

    @Test
    void aFunnelValueThatBreaksTheContractIs500NamingKeyAndField() throws Exception {
        funnelMinute("Paris", "2026-11-01T05:00", 3, 2, 1, 0);
        served.store().writer().hset(ServingKeys.funnelMinute("Paris", minute("2026-11-01T05:00")), "checkout", "some");
        Answer answer = get("/funnel/minutes?city=Paris&from=2026-11-01T05:00&to=2026-11-01T05:01");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().path("error").asText()).isEqualTo("serving store key "
                + "funnel_minute:Paris:2026-11-01T05:00, field checkout: expected a whole number, got \"some\"");
    }

    @Test
    void onlyGetIsServed() throws Exception {
        for (String path : new String[] {"/cities/minutes", "/funnel/hours", "/funnel/minutes"}) {
            Answer answer = ServingApiTest.request(served.api(), "POST", path);
            assertThat(answer.status()).as(path).isEqualTo(405);
        }
    }
}
