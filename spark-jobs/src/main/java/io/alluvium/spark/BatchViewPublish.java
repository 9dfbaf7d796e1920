package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;

import io.alluvium.domain.BatchVersion;
import io.alluvium.domain.Layer;
import io.alluvium.domain.ServingFields;
import io.alluvium.domain.TableId;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.BatchViewPublisher;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Publishes {@code gold.city_hourly_sales} into the serving store as the batch view (flink-jobs/REALTIME.md,
 * *Batch view*), after each Gold build of {@code batch gold|all} and on demand ({@code batch publish}): the table
 * as of its current snapshot, with the watermark of the Silver orders that snapshot was built from
 * ({@link BatchVersion#lastCompleteHour}). Gold has no hourly funnel (TABLES.md: {@code gold.daily_funnel} is per
 * day), so the funnel stays the speed view's. The store's side — versions, the switch, idempotence — is
 * {@link BatchViewPublisher}'s.
 */
public final class BatchViewPublish {
    /** {@code published} in the result: what readers use now, or why nothing was published. */
    public sealed interface Outcome permits Published, Skipped {
    }

    /**
     * The version readers use after the run.
     *
     * @param goldSnapshotId text, as {@code batch:current} keeps it (a JSON double would round a 64-bit id)
     * @param newVersion     false when that snapshot was published already, and nothing was written
     */
    public record Published(long version, String goldSnapshotId, Instant watermark, long cityHours,
                            boolean newVersion) implements Outcome {
        static Published of(BatchViewPublisher.Publication publication) {
            BatchVersion v = publication.current();
            return new Published(v.version(), Long.toString(v.goldSnapshotId()), v.watermark(), v.cityHours(),
                    publication.published());
        }
    }

    /** Nothing was published; {@code skipped} says why and what to do. */
    public record Skipped(String skipped) implements Outcome {
    }

    private final SparkSession spark;
    private final LakeTables tables;
    private final ServingEndpoint store;
    private final Duration watermarkDelay;

    public BatchViewPublish(SparkSession spark, LakeTables tables, ServingEndpoint store, Duration watermarkDelay) {
        this.spark = spark;
        this.tables = tables;
        this.store = store;
        this.watermarkDelay = watermarkDelay;
    }

    public Outcome run() {
        TableId gold = GoldTable.CITY_HOURLY_SALES.id();
        if (!tables.exists(gold)) {
            return new Skipped(gold + " is not built yet: run `alluvium batch gold` first");
        }
        Table table = tables.load(gold);
        Snapshot snapshot = table.currentSnapshot();
        Optional<Long> orders = Watermark.latest(table, Watermark.SILVER_SNAPSHOTS)
                .map(cut -> SilverCut.decode(cut).snapshots().get(Topic.ORDERS));
        if (snapshot == null || orders.isEmpty() || "0".equals(snapshot.summary().get("total-records"))) {
            return new Skipped(gold + " has no rows: nothing to publish");
        }
        try (Jedis redis = ServingStoreConnections.connect(store, "alluvium-batch-publish")) {
            return Published.of(new BatchViewPublisher(redis).publish(snapshot.snapshotId(),
                    () -> content(gold, snapshot.snapshotId(), orders.get())));
        } catch (JedisAccessControlException e) {
            return new Skipped(store.credentialsRefused(e.getMessage()));
        } catch (JedisConnectionException e) {
            return new Skipped("cannot reach the serving store at " + store + " (" + e.getMessage() + "): is it up"
                    + " (`alluvium up`)? then run `alluvium batch publish`; check " + store.settingKey());
        }
    }

    /** The Gold rows at {@code goldSnapshot} as {@code city_hour} hashes, and the watermark of the orders they read. */
    private BatchViewPublisher.Content content(TableId gold, long goldSnapshot, long ordersSnapshot) {
        Instant newest = spark.sql("SELECT max(event_ts) FROM " + tables.name(Layer.SILVER.table(Topic.ORDERS))
                + " VERSION AS OF " + ordersSnapshot).first().getAs(0);
        List<Column> columns = new ArrayList<>(List.of(col(ServingFields.CITY), col(ServingFields.HOUR_START)));
        ServingFields.CITY_HOUR_FACTS.forEach(field -> columns.add(col(field)));
        List<Map<String, String>> hashes = new ArrayList<>();
        for (Row r : spark.sql("SELECT * FROM " + tables.name(gold) + " VERSION AS OF " + goldSnapshot)
                .select(columns.toArray(Column[]::new)).collectAsList()) {
            Map<String, String> hash = new LinkedHashMap<>();
            hash.put(ServingFields.CITY, r.getString(0));
            hash.put(ServingFields.HOUR_START, r.<Instant>getAs(1).toString());
            for (int i = 0; i < ServingFields.CITY_HOUR_FACTS.size(); i++) {
                Object value = r.get(i + 2);
                hash.put(ServingFields.CITY_HOUR_FACTS.get(i),
                        value instanceof BigDecimal amount ? amount.toPlainString() : String.valueOf(value));
            }
            hashes.add(hash);
        }
        return new BatchViewPublisher.Content(BatchVersion.lastCompleteHour(newest, watermarkDelay), hashes);
    }
}
