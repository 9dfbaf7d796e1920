package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;

import io.alluvium.domain.ServingFields;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Invariant 3 in {@code reconcile}: reads every {@code city_hour:*} hash of the serving store and every row of
 * {@code gold.city_hourly_sales}, and compares them ({@link CityHourComparison}); or says that it could not run
 * because the store holds no city-hour (the realtime job has not run) or cannot be reached (the CLI refuses a store
 * that is down before Spark starts, so this is one that went down since). A store that refuses the credentials is
 * bad input, never a check to skip.
 * Both views cover the same events only when landing + batch and the realtime job have all caught up with the
 * topics; reconcile reads them as they are.
 */
public final class ServingStoreCheck {
    /** {@code serving_check} in reconcile's result: the comparison, or why it was skipped. */
    public sealed interface Outcome permits CityHourComparison, Skipped {
    }

    /** The check did not run; {@code skipped} says why and what to run. */
    public record Skipped(String skipped) implements Outcome {
    }

    private static final int SCAN_PAGE = 1000;

    private final ServingEndpoint store;

    public ServingStoreCheck(ServingEndpoint store) {
        this.store = store;
    }

    /** Compares the store with {@code citySales}, the rows of gold.city_hourly_sales. */
    public Outcome run(Dataset<Row> citySales) {
        Map<String, CityHourFacts> live;
        try (Jedis redis = ServingStoreConnections.connect(store, "alluvium-reconcile")) {
            live = storeCityHours(redis);
        } catch (JedisAccessControlException e) {
            throw new BadInputException(store.credentialsRefused(e.getMessage()));
        } catch (JedisConnectionException e) {
            // the CLI refuses a store that is down before Spark starts; this is one that went down since
            return new Skipped("cannot read the serving store at " + store + " (" + e.getMessage() + "): is it up"
                    + " (`alluvium up`)? check " + store.settingKey());
        }
        if (live.isEmpty()) {
            return new Skipped("the serving store at " + store + " holds no " + ServingKeys.CITY_HOUR_PATTERN
                    + " keys: run `alluvium stream start realtime --until-caught-up`");
        }
        return CityHourComparison.of(goldCityHours(citySales), live);
    }

    /** Every city_hour hash by key, read page by page (SCAN, then one pipelined HGETALL per page). */
    private static Map<String, CityHourFacts> storeCityHours(Jedis redis) {
        Map<String, CityHourFacts> hours = new HashMap<>();
        ScanParams params = new ScanParams().match(ServingKeys.CITY_HOUR_PATTERN).count(SCAN_PAGE);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            Map<String, Response<Map<String, String>>> hashes = new LinkedHashMap<>();
            try (Pipeline pipeline = redis.pipelined()) {
                page.getResult().forEach(key -> hashes.put(key, pipeline.hgetAll(key)));
                pipeline.sync();
            }
            hashes.forEach((key, hash) -> hours.put(key, CityHourFacts.ofStoreHash(hash.get())));
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return hours;
    }

    /** Every Gold row by the key the realtime job writes for the same (city, hour). */
    private static Map<String, CityHourFacts> goldCityHours(Dataset<Row> citySales) {
        List<Column> columns = new ArrayList<>(List.of(col(ServingFields.CITY), col(ServingFields.HOUR_START)));
        ServingFields.CITY_HOUR_FACTS.forEach(field -> columns.add(col(field)));
        Map<String, CityHourFacts> hours = new HashMap<>();
        for (Row r : citySales.select(columns.toArray(Column[]::new)).collectAsList()) {
            hours.put(ServingKeys.cityHour(r.getString(0), r.<Instant>getAs(1)), new CityHourFacts(r.getAs(2),
                    r.getAs(3), r.getAs(4), r.getDecimal(5), r.getAs(6), r.getAs(7)));
        }
        return hours;
    }
}
