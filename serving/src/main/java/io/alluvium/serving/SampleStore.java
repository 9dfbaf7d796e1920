package io.alluvium.serving;

import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Representative contents of the serving store, written as {@code flink-jobs/REALTIME.md} says, for a load test
 * on a store the realtime job has not filled: sales of every (city, hour), users' features, alerts and counts,
 * from a seed (two runs write the same). Or, on a store that already holds data, the keys it offers.
 */
public final class SampleStore {
    /** How much to write: {@link #BENCH} is a few days of a marketplace of 40 cities. */
    public record Size(int cities, int hours, int users, int alerts) {
        public static final Size BENCH = new Size(40, 72, 10_000, 500);

        public Size {
            if (cities < 1 || hours < 1 || users < 1 || alerts < 0) {
                throw new IllegalArgumentException("a sample needs a city, an hour and a user, got " + cities + " cities, "
                        + hours + " hours, " + users + " users, " + alerts + " alerts");
            }
        }

        @Override
        public String toString() {
            return cities + " cities × " + hours + " hours, " + users + " users, " + alerts + " alerts";
        }
    }

    private static final List<String> DEVICES = List.of("ios", "android", "web");
    private static final List<String> RULES = List.of("card_velocity", "amount_spike", "ip_country_mismatch",
            "declines_then_approval");
    private static final int PIPELINE_BATCH = 1000;

    private SampleStore() {
    }

    /**
     * Writes the sample, hours counted from {@code firstHour}, and returns its lookups: every (city, hour) and
     * every user, interleaved and shuffled.
     */
    public static List<ServingLookup> write(UnifiedJedis jedis, Size size, Instant firstHour, long seed) {
        Random random = new Random(seed);
        List<ServingLookup> cityHours = new ArrayList<>();
        List<ServingLookup> users = new ArrayList<>();
        try (AbstractPipeline pipeline = jedis.pipelined()) {
            int pending = 0;
            long ordersCreated = 0;
            for (int c = 1; c <= size.cities(); c++) {
                String city = String.format("city-%02d", c);
                pipeline.sadd(ServingKeys.CITIES, city);
                for (int h = 0; h < size.hours(); h++) {
                    Instant hour = firstHour.plus(Duration.ofHours(h));
                    Map<String, String> sales = cityHour(city, hour, random);
                    ordersCreated += Long.parseLong(sales.get(ServingFields.ORDERS_CREATED));
                    pipeline.hset(ServingKeys.cityHour(city, hour), sales);
                    cityHours.add(new ServingLookup.CityHour(city, hour));
                    pending = flushEvery(pipeline, pending);
                }
            }
            Instant lastHour = firstHour.plus(Duration.ofHours(size.hours()));
            for (int u = 1; u <= size.users(); u++) {
                String userId = String.format("u-%06d", u);
                pipeline.hset(ServingKeys.user(userId), user(size, lastHour, random));
                users.add(new ServingLookup.UserFeatures(userId));
                pending = flushEvery(pipeline, pending);
            }
            Map<String, Long> alertsByRule = new TreeMap<>();
            for (int a = 1; a <= size.alerts(); a++) {
                Instant at = firstHour.plusSeconds(random.nextInt((int) Duration.ofHours(size.hours()).toSeconds()));
                String rule = RULES.get(random.nextInt(RULES.size()));
                String alertId = rule + ":e-" + a;
                pipeline.hset(ServingKeys.alert(alertId), alert(alertId, rule, at, size, random));
                pipeline.zadd(ServingKeys.ALERTS_BY_TIME, at.toEpochMilli(), alertId);
                alertsByRule.merge(rule, 1L, Long::sum);
                pending = flushEvery(pipeline, pending);
            }
            if (!alertsByRule.isEmpty()) {
                Map<String, String> counts = new TreeMap<>();
                alertsByRule.forEach((rule, n) -> counts.put(rule, Long.toString(n)));
                pipeline.hset(ServingKeys.counts("alerts"), counts);
            }
            pipeline.hset(ServingKeys.counts("orders"), Map.of("valid", Long.toString(ordersCreated),
                    "duplicate", "120", "too_late", "3", "rejected:bad_json", "17", "rejected:negative_amount", "5"));
            pipeline.sync();
        }
        List<ServingLookup> lookups = new ArrayList<>();
        for (int i = 0; i < Math.max(cityHours.size(), users.size()); i++) {
            lookups.add(cityHours.get(i % cityHours.size()));
            lookups.add(users.get(i % users.size()));
        }
        Collections.shuffle(lookups, random);
        return lookups;
    }

    /** Up to {@code max} each of the {@code city_hour} and {@code user} keys a store already holds, as lookups. */
    public static List<ServingLookup> existing(UnifiedJedis jedis, int max) {
        List<ServingLookup> lookups = new ArrayList<>();
        KeyScan.keys(jedis, ServingKeys.CITY_HOUR_PATTERN, max).forEach(key -> ServingKeys.parseCityHour(key)
                .ifPresent(ch -> lookups.add(new ServingLookup.CityHour(ch.city(), ch.hourStart()))));
        KeyScan.keys(jedis, ServingKeys.USER_PREFIX + "*", max).forEach(key ->
                lookups.add(new ServingLookup.UserFeatures(key.substring(ServingKeys.USER_PREFIX.length()))));
        return lookups;
    }

    private static int flushEvery(AbstractPipeline pipeline, int pending) {
        if (pending + 1 < PIPELINE_BATCH) {
            return pending + 1;
        }
        pipeline.sync();
        return 0;
    }

    private static Map<String, String> cityHour(String city, Instant hour, Random random) {
        int created = 5 + random.nextInt(200);
        int paid = random.nextInt(created + 1);
        int cancelled = random.nextInt(created - paid + 1);
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(ServingFields.CITY, city);
        hash.put(ServingFields.HOUR_START, hour.toString());
        hash.put(ServingFields.ORDERS_CREATED, Integer.toString(created));
        hash.put(ServingFields.ORDERS_PAID, Integer.toString(paid));
        hash.put(ServingFields.ORDERS_CANCELLED, Integer.toString(cancelled));
        hash.put(ServingFields.PAID_AMOUNT, BigDecimal.valueOf(paid * (1000L + random.nextInt(20_000)), 2).toPlainString());
        hash.put(ServingFields.DISTINCT_BUYERS, Integer.toString(paid == 0 ? 0 : 1 + random.nextInt(paid)));
        hash.put(ServingFields.ITEMS_SOLD, Integer.toString(paid + random.nextInt(paid * 2 + 1)));
        return hash;
    }

    private static Map<String, String> user(Size size, Instant lastHour, Random random) {
        int events5m = random.nextInt(20);
        Instant last = lastHour.minusSeconds(random.nextInt(3600));
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("events_5m", Integer.toString(events5m));
        hash.put("events_1h", Integer.toString(events5m + random.nextInt(100)));
        hash.put("spend_today", BigDecimal.valueOf(random.nextInt(500_000), 2).toPlainString());
        hash.put("spend_day", last.toString().substring(0, "yyyy-MM-dd".length()));
        hash.put("last_city", String.format("city-%02d", 1 + random.nextInt(size.cities())));
        hash.put("last_device", DEVICES.get(random.nextInt(DEVICES.size())));
        hash.put("last_event_ts", last.toString());
        return hash;
    }

    private static Map<String, String> alert(String alertId, String rule, Instant at, Size size, Random random) {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(ServingFields.ALERT_ID, alertId);
        hash.put("rule", rule);
        hash.put("user_id", String.format("u-%06d", 1 + random.nextInt(size.users())));
        hash.put("card_fingerprint", String.format("%016x", random.nextLong()));
        hash.put(ServingFields.EVENT_TS, at.toString());
        hash.put("event_ids", "[\"" + alertId.substring(rule.length() + 1) + "\"]");
        hash.put("evidence", "{\"rule\":\"" + rule + "\",\"score\":" + random.nextInt(100) + "}");
        return hash;
    }
}
