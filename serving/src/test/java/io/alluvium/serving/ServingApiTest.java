package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.Password;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ServingEndpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read-only API for real: a redis-server (with a password) holding hashes written as REALTIME.md says, the
 * API on a free port of 127.0.0.1, requests over HTTP. Every answer is compared with what was written.
 */
class ServingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    static final ServedStore served = new ServedStore();

    /** One answer: status and JSON body. */
    record Answer(int status, JsonNode body, HttpResponse<String> response) {
    }

    static Answer request(ServingApi server, String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    private static Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return request(served.api(), "GET", pathAndQuery);
    }

    private static void cityHour(String city, String hour, long created, long paid, long cancelled, String amount,
                                 long buyers, long items) {
        Instant start = ServingKeys.parseHour(hour).orElseThrow();
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("city", city);
        hash.put("hour_start", start.toString());
        hash.put("orders_created", Long.toString(created));
        hash.put("orders_paid", Long.toString(paid));
        hash.put("orders_cancelled", Long.toString(cancelled));
        hash.put("paid_amount", amount);
        hash.put("distinct_buyers", Long.toString(buyers));
        hash.put("items_sold", Long.toString(items));
        served.store().writer().hset(ServingKeys.cityHour(city, start), hash);
    }

    private static void salesOfThreeCities() {
        cityHour("Paris", "2026-11-01T05", 10, 7, 1, "1234.50", 6, 15);
        cityHour("Paris", "2026-11-01T06", 4, 3, 0, "99.99", 3, 5);
        cityHour("Berlin", "2026-11-01T05", 2, 2, 0, "20.01", 1, 2);
        cityHour("Berlin", "2026-11-01T07", 100, 90, 5, "9000.00", 80, 200);
        cityHour("Madrid", "2026-11-01T04", 1, 1, 0, "5.00", 1, 1);
        served.store().writer().sadd(ServingKeys.CITIES, "Paris", "Berlin", "Madrid");
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static final String BERLIN_05 = "{'source':'speed','city':'Berlin','hour_start':'2026-11-01T05:00:00Z',"
            + "'orders_created':2,'orders_paid':2,'orders_cancelled':0,'paid_amount':'20.01','distinct_buyers':1,"
            + "'items_sold':2}";
    private static final String PARIS_05 = "{'source':'speed','city':'Paris','hour_start':'2026-11-01T05:00:00Z',"
            + "'orders_created':10,'orders_paid':7,'orders_cancelled':1,'paid_amount':'1234.50','distinct_buyers':6,"
            + "'items_sold':15}";
    private static final String PARIS_06 = "{'source':'speed','city':'Paris','hour_start':'2026-11-01T06:00:00Z',"
            + "'orders_created':4,'orders_paid':3,'orders_cancelled':0,'paid_amount':'99.99','distinct_buyers':3,"
            + "'items_sold':5}";

    @Test
    void cityHoursReturnExactlyTheHashesOfTheRangeByHourThenCityWithTotals() throws Exception {
        salesOfThreeCities();
        Answer answer = get("/cities/hours?from=2026-11-01T05&to=2026-11-01T07");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.body()).isEqualTo(json("{'from':'2026-11-01T05:00:00Z','to':'2026-11-01T07:00:00Z',"
                + "'city':null,'serving_view':'lambda','batch':null,'rows':[" + BERLIN_05 + "," + PARIS_05 + ","
                + PARIS_06 + "],'totals':{'source':'lambda','rows':3,'orders_created':16,'orders_paid':12,'orders_cancelled':1,"
                + "'items_sold':22,'paid_amount':'1354.50'}}"));
    }

    @Test
    void theTotalsAreTheSumOfTheRows() throws Exception {
        salesOfThreeCities();
        JsonNode body = get("/cities/hours?from=2026-11-01T00&to=2026-11-02T00").body();
        JsonNode totals = body.path("totals");
        assertThat(body.path("rows")).hasSize(5);
        assertThat(totals.path("rows").asInt()).isEqualTo(5);
        for (String field : new String[] {"orders_created", "orders_paid", "orders_cancelled", "items_sold"}) {
            long sum = 0;
            for (JsonNode row : body.path("rows")) {
                sum += row.path(field).asLong();
            }
            assertThat(totals.path(field).asLong()).as(field).isEqualTo(sum);
        }
        BigDecimal paid = BigDecimal.ZERO;
        for (JsonNode row : body.path("rows")) {
            paid = paid.add(new BigDecimal(row.path("paid_amount").asText()));
        }
        assertThat(new BigDecimal(totals.path("paid_amount").asText())).isEqualByComparingTo(paid)
                .isEqualByComparingTo("10359.50");
        assertThat(totals.has("distinct_buyers")).as("distinct counts do not add up").isFalse();
    }

    @Test
    void oneCityAndInstantsWithinTheHour() throws Exception {
        salesOfThreeCities();
        assertThat(get("/cities/hours?from=2026-11-01T00&to=2026-11-01T23&city=Paris").body().path("rows"))
                .isEqualTo(json("[" + PARIS_05 + "," + PARIS_06 + "]"));
        // from is taken down to its hour; to is exclusive
        Answer answer = get("/cities/hours?from=2026-11-01T05:30:00Z&to=2026-11-01T06:00:00Z&city=Paris");
        assertThat(answer.body().path("rows")).isEqualTo(json("[" + PARIS_05 + "]"));
        assertThat(answer.body().path("from").asText()).isEqualTo("2026-11-01T05:00:00Z");
        assertThat(answer.body().path("city").asText()).isEqualTo("Paris");
    }

    @Test
    void withoutTheCitySetTheCitiesComeFromTheKeys() throws Exception {
        salesOfThreeCities();
        served.store().writer().del(ServingKeys.CITIES);
        assertThat(get("/cities/hours?from=2026-11-01T05&to=2026-11-01T07").body().path("rows"))
                .isEqualTo(json("[" + BERLIN_05 + "," + PARIS_05 + "," + PARIS_06 + "]"));
    }

    @Test
    void anEmptyRangeHasNoRowsAndZeroTotals() throws Exception {
        Answer answer = get("/cities/hours?from=2026-11-01T05&to=2026-11-01T07");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("rows")).isEmpty();
        assertThat(answer.body().path("totals")).isEqualTo(json("{'source':'lambda','rows':0,'orders_created':0,"
                + "'orders_paid':0,'orders_cancelled':0,'items_sold':0,'paid_amount':'0.00'}"));
    }

    @Test
    void userFeaturesAreTheUsersHashTyped() throws Exception {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("events_5m", "3");
        hash.put("events_1h", "12");
        hash.put("spend_today", "120.50");
        hash.put("spend_day", "2026-11-01");
        hash.put("last_city", "Paris");
        hash.put("last_device", "ios");
        hash.put("last_event_ts", "2026-11-01T05:59:59Z");
        served.store().writer().hset(ServingKeys.user("u-000042"), hash);
        Answer answer = get("/users/u-000042/features");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(json("{'source':'speed','user_id':'u-000042','events_5m':3,"
                + "'events_1h':12,'spend_today':'120.50','spend_day':'2026-11-01','last_city':'Paris',"
                + "'last_device':'ios','last_event_ts':'2026-11-01T05:59:59Z'}"));
    }

    @Test
    void anUnknownUserIs404WithAJsonError() throws Exception {
        Answer answer = get("/users/u-999999/features");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("error").asText()).isEqualTo("no features for user \"u-999999\"");
        assertThat(answer.body().path("status").asInt()).isEqualTo(404);
    }

    private static void alert(int n, String ts) {
        String id = "card_velocity:e-" + n;
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("alert_id", id);
        hash.put("rule", "card_velocity");
        hash.put("user_id", "u-00000" + n);
        hash.put("card_fingerprint", "00000000000000a" + n);
        hash.put("event_ts", ts);
        hash.put("event_ids", "[\"e-" + (n - 1) + "\",\"e-" + n + "\"]");
        hash.put("evidence", "{\"cards\":" + (n + 2) + ",\"window_s\":60}");
        served.store().writer().hset(ServingKeys.alert(id), hash);
        served.store().writer().zadd(ServingKeys.ALERTS_BY_TIME, Instant.parse(ts).toEpochMilli(), id);
    }

    private static String alertJson(int n, String ts) {
        return "{'source':'speed','alert_id':'card_velocity:e-" + n + "','rule':'card_velocity','user_id':'u-00000" + n
                + "','card_fingerprint':'00000000000000a" + n + "','event_ts':'" + ts + "','event_ids':['e-" + (n - 1)
                + "','e-" + n + "'],'evidence':{'cards':" + (n + 2) + ",'window_s':60}}";
    }

    @Test
    void alertsAreNewestFirstWithTheirJsonFieldsParsed() throws Exception {
        alert(1, "2026-11-01T05:00:00Z");
        alert(2, "2026-11-01T05:10:00Z");
        alert(3, "2026-11-01T05:20:00Z");
        JsonNode all = get("/alerts").body();
        assertThat(all).isEqualTo(json("{'limit':50,'since':null,'alerts':[" + alertJson(3, "2026-11-01T05:20:00Z")
                + "," + alertJson(2, "2026-11-01T05:10:00Z") + "," + alertJson(1, "2026-11-01T05:00:00Z") + "]}"));
        assertThat(ids(get("/alerts?limit=2"))).containsExactly("card_velocity:e-3", "card_velocity:e-2");
        assertThat(ids(get("/alerts?since=2026-11-01T05:10:00Z"))).containsExactly("card_velocity:e-3",
                "card_velocity:e-2");
        // an id whose hash is not written (yet) is left out
        served.store().writer().zadd(ServingKeys.ALERTS_BY_TIME, Instant.parse("2026-11-01T05:30:00Z").toEpochMilli(),
                "card_velocity:e-4");
        assertThat(get("/alerts").body()).isEqualTo(all);
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.body().path("alerts").forEach(a -> ids.add(a.path("alert_id").asText()));
        return ids;
    }

    @Test
    void countsAreEveryCountsHashByStream() throws Exception {
        served.store().writer().hset(ServingKeys.counts("orders"), Map.of("valid", "100", "duplicate", "2", "too_late", "1",
                "rejected:bad_json", "3"));
        served.store().writer().hset(ServingKeys.counts("alerts"), Map.of("card_velocity", "1"));
        served.store().writer().hset("realtime:orders:too_late", Map.of("e-9", "2026-11-01T01:00:00Z"));
        assertThat(get("/counts").body()).isEqualTo(json("{'counts':["
                + "{'source':'speed','stream':'alerts','counts':{'card_velocity':1}},"
                + "{'source':'speed','stream':'orders','counts':{'duplicate':2,'rejected:bad_json':3,'too_late':1,"
                + "'valid':100}}]}"));
    }

    @Test
    void badQueriesAre400NamingTheParameter() throws Exception {
        String[][] cases = {
            {"/cities/hours?to=2026-11-01T07", "from", "is required"},
            {"/cities/hours?from=yesterday&to=2026-11-01T07", "from", "expected an ISO-8601 instant"},
            {"/cities/hours?from=2026-11-01T07&to=2026-11-01T05", "to", "must be after from"},
            {"/cities/hours?from=2026-10-01T00&to=2026-11-01T01", "to", "at most 31 days"},
            {"/cities/hours?from=2026-11-01T05&to=2026-11-01T07&cty=Paris", "cty", "unknown parameter"},
            {"/cities/hours?from=2026-11-01T05&from=2026-11-01T06&to=2026-11-01T07", "from", "given 2 times"},
            {"/cities/hours?from=2026-11-01T05&to=2026-11-01T07&city=", "city", "is empty"},
            {"/alerts?limit=0", "limit", "between 1 and 1000"},
            {"/alerts?limit=lots", "limit", "between 1 and 1000"},
            {"/alerts?since=2026-11-01", "since", "expected an ISO-8601 instant"},
            {"/counts?verbose=true", "verbose", "unknown parameter; this endpoint takes none"},
        };
        for (String[] c : cases) {
            Answer answer = get(c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.body().path("parameter").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(answer.body().path("error").asText()).as(c[0]).contains(c[2]);
            assertThat(answer.body().path("status").asInt()).isEqualTo(400);
        }
    }

    @Test
    void malformedEscapesAre400InJson() throws Exception {
        Answer query = raw("/alerts?limit=%ZZ");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.body().path("parameter").asText()).isEqualTo("limit");
        assertThat(query.body().path("error").asText()).isEqualTo("limit: cannot be read (a malformed %-escape?)");
        Answer path = raw("/users/%ZZ/features");
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.body().path("status").asInt()).isEqualTo(400);
    }

    /** A GET written on the socket: the JDK's client refuses to send a malformed %-escape. */
    private static Answer raw(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", served.api().port())) {
            socket.getOutputStream().write(("GET " + ServingApi.PREFIX + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
            return new Answer(status, JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)), null);
        }
    }

    @Test
    void onlyGetIsServed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[] {"/counts", "/users/u-1/features", "/nowhere"}) {
                Answer answer = request(served.api(), method, path);
                assertThat(answer.status()).as(method + " " + path).isEqualTo(405);
                assertThat(answer.body().path("error").asText()).contains(method + " is not allowed")
                        .contains("read-only");
            }
        }
        Answer unknown = get("/nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("error").asText()).isEqualTo("no such endpoint: /api/v1/nowhere");
    }

    @Test
    void aValueThatBreaksTheContractIs500NamingKeyAndField() throws Exception {
        salesOfThreeCities();
        served.store().writer().hset(ServingKeys.cityHour("Paris", Instant.parse("2026-11-01T05:00:00Z")), "orders_paid", "many");
        Answer answer = get("/cities/hours?from=2026-11-01T05&to=2026-11-01T06");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body().path("error").asText()).isEqualTo("serving store key city_hour:Paris:2026-11-01T05, "
                + "field orders_paid: expected a whole number, got \"many\"");
    }

    @Test
    void healthSaysWhetherTheStoreAnswers() throws Exception {
        Answer up = get("/health");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body()).isEqualTo(json("{'store':'" + served.store().endpoint() + "','status':'up'}"));

        ServingEndpoint nowhere = new ServingEndpoint("127.0.0.1", RealServingStore.freePort(), false, null,
                new Password(""), true);
        try (SpeedView downView = SpeedView.open(nowhere, 1);
             ServingApi downApi = ServingApi.start(downView, ServedView.LAMBDA, "127.0.0.1", 0)) {
            Answer down = request(downApi, "GET", "/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().path("status").asText()).isEqualTo("down");
            Answer counts = request(downApi, "GET", "/counts");
            assertThat(counts.status()).isEqualTo(503);
            assertThat(counts.body().path("error").asText()).startsWith("serving store " + nowhere + " unavailable");
        }
    }

    @Test
    void aWrongPasswordIsUnavailableAndNeverShown() throws Exception {
        ServingEndpoint wrong = new ServingEndpoint("127.0.0.1", served.store().endpoint().port(), false, null,
                new Password("not-the-password"), true);
        try (SpeedView wrongView = SpeedView.open(wrong, 1);
             ServingApi wrongApi = ServingApi.start(wrongView, ServedView.LAMBDA, "127.0.0.1", 0)) {
            Answer answer = request(wrongApi, "GET", "/counts");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.response().body()).doesNotContain("not-the-password").doesNotContain(RealServingStore.PASSWORD);
        }
    }

    @Test
    void aTakenPortIsSaidSo() {
        assertThatThrownBy(() -> ServingApi.start(served.view(), ServedView.LAMBDA, "127.0.0.1", served.api().port())
                .close())
                .isInstanceOfSatisfying(CannotListen.class, e -> assertThat(e.reason())
                        .isEqualTo(CannotListen.Reason.PORT_IN_USE))
                .hasMessage("port " + served.api().port() + " on 127.0.0.1 is already in use");
    }

    @Test
    void anAddressThisMachineLacksOrAHostItDoesNotKnowIsNotAPortInUse() {
        // 192.0.2.1 is set aside for documentation (RFC 5737): no machine has it, and binding sends nothing
        assertThatThrownBy(() -> ServingApi.start(served.view(), ServedView.LAMBDA, "192.0.2.1", 0).close())
                .isInstanceOfSatisfying(CannotListen.class, e -> assertThat(e.reason())
                        .isEqualTo(CannotListen.Reason.ADDRESS_NOT_HERE))
                .hasMessage("192.0.2.1 is not an address of this machine");
        assertThatThrownBy(() -> ServingApi.start(served.view(), ServedView.LAMBDA, "no-such-host.invalid", 0)
                .close())
                .isInstanceOfSatisfying(CannotListen.class, e -> assertThat(e.reason())
                        .isEqualTo(CannotListen.Reason.UNKNOWN_HOST))
                .hasMessage("no-such-host.invalid is not a host name this machine knows");
    }

    @Test
    void aPortThisUserMayNotBindIsSaidSo() {
        // as the kernel refuses a port below 1024 to an unprivileged user (these tests may run as root)
        CannotListen e = CannotListen.of("127.0.0.1", 80,
                new IOException("Failed to bind to /127.0.0.1:80", new BindException("Permission denied")));
        assertThat(e.reason()).isEqualTo(CannotListen.Reason.NOT_PERMITTED);
        assertThat(e).hasMessage("listening on port 80 of 127.0.0.1 is not permitted to this user (ports below 1024"
                + " need privileges)");
    }
}
