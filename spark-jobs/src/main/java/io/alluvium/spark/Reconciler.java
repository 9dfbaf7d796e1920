package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.get_json_object;

import io.alluvium.contract.EventContracts;
import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import io.alluvium.tables.BronzeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium reconcile}: the numbers behind invariants 1 and 2 (docs/architecture.md#invariants), computed from
 * the tables themselves, Gold totals checked against Silver, and invariant 3 (the serving store against
 * Gold, {@link ServingStoreCheck}). Bronze is read at the snapshot Silver has processed up to, so the
 * balance holds even while landing keeps appending; what came after is reported as unprocessed.
 * Duplicates are derived from Bronze alone: the rows not quarantined (matched by Kafka partition and
 * offset) minus their distinct event_ids.
 */
public final class Reconciler {

    public record TopicBalance(String topic, Long bronzeSnapshotId, long bronzeRows, long bronzeDistinctOffsets,
                               long bronzeRowsUnprocessed, long silverRows, long silverDistinctEventIds,
                               long quarantineRows, Map<String, Long> quarantineByReason, long duplicatesInBronze,
                               boolean balanced) {
    }

    public record Result(List<TopicBalance> topics, Map<String, Long> goldRows, boolean goldUpToDate,
                         List<GoldChecks.GoldCheck> goldChecks, List<Map<String, Object>> topCityHoursByPaidAmount,
                         ServingStoreCheck.Outcome servingCheck) {
    }

    private static final ServingStoreCheck.Skipped GOLD_NOT_BUILT = new ServingStoreCheck.Skipped(
            "Gold is not built yet: run `alluvium batch all`");

    private final SparkSession spark;
    private final LakeTables tables;
    private final ServingStoreCheck servingStore;

    public Reconciler(SparkSession spark, LakeTables tables, ServingStoreCheck servingStore) {
        this.spark = spark;
        this.tables = tables;
        this.servingStore = servingStore;
    }

    public Result run() {
        List<TopicBalance> topics = new ArrayList<>();
        for (Topic t : Topic.values()) {
            if (tables.exists(Layer.BRONZE.table(t))) {
                SilverTables.ensure(tables, t);
                topics.add(balance(t));
            }
        }
        Map<String, Long> goldRows = new LinkedHashMap<>();
        boolean goldExists = true;
        for (GoldTable g : GoldTable.values()) {
            goldExists &= tables.exists(g.id());
            if (tables.exists(g.id())) {
                goldRows.put(g.id().toString(), spark.table(g.id().toString()).count());
            }
        }
        if (!goldExists || topics.size() < Topic.values().length) {
            return new Result(topics, goldRows, false, List.of(), List.of(), GOLD_NOT_BUILT);
        }
        return new Result(topics, goldRows, goldUpToDate(), new GoldChecks(spark, tables).run(), topCityHours(),
                servingStore.run(spark.table(GoldTable.CITY_HOURLY_SALES.id().toString())));
    }

    private TopicBalance balance(Topic topic) {
        Table bronze = tables.load(Layer.BRONZE.table(topic));
        Optional<Long> processed = Watermark.latest(tables.load(Layer.SILVER.table(topic)), Watermark.BRONZE_SNAPSHOT)
                .map(Long::valueOf).filter(id -> bronze.snapshot(id) != null);
        Snapshot current = bronze.currentSnapshot();
        Long at = processed.orElse(current == null ? null : current.snapshotId());
        String bronzeName = Layer.BRONZE.table(topic).toString();
        Dataset<Row> rows = at == null ? spark.table(bronzeName) : spark.sql("SELECT * FROM " + bronzeName + " VERSION AS OF " + at);
        long unprocessed = current == null || at == null ? 0
                : totalRecords(current) - totalRecords(bronze.snapshot(at));

        Dataset<Row> quarantine = spark.table(Layer.QUARANTINE.table(topic).toString());
        Map<String, Long> byReason = new TreeMap<>();
        for (Row r : quarantine.groupBy(EventClassifier.REASON).count().collectAsList()) {
            byReason.put(r.getString(0), r.getLong(1));
        }
        long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
        Row bronzeCounts = rows.agg(count("*"),
                countDistinct(col(BronzeTable.KAFKA_PARTITION), col(BronzeTable.KAFKA_OFFSET))).first();
        Row validCounts = rows.join(quarantine.select(BronzeTable.KAFKA_PARTITION, BronzeTable.KAFKA_OFFSET),
                        rows.col(BronzeTable.KAFKA_PARTITION).equalTo(quarantine.col(BronzeTable.KAFKA_PARTITION))
                                .and(rows.col(BronzeTable.KAFKA_OFFSET).equalTo(quarantine.col(BronzeTable.KAFKA_OFFSET))),
                        "left_anti")
                .agg(count("*"),
                        countDistinct(get_json_object(col(BronzeTable.PAYLOAD), "$." + EventContracts.EVENT_ID)))
                .first();
        Dataset<Row> silver = spark.table(Layer.SILVER.table(topic).toString());
        Row silverCounts = silver.agg(count("*"), countDistinct(col(EventContracts.EVENT_ID))).first();

        long bronzeRows = bronzeCounts.getLong(0);
        long duplicates = validCounts.getLong(0) - validCounts.getLong(1);
        long silverRows = silverCounts.getLong(0);
        return new TopicBalance(topic.topicName(), at, bronzeRows, bronzeCounts.getLong(1), unprocessed,
                silverRows, silverCounts.getLong(1), quarantined, byReason, duplicates,
                bronzeRows == silverRows + quarantined + duplicates);
    }

    /**
     * Whether every Gold table was built from Silver as it is now: from its current snapshots, or from earlier ones
     * that the later commits added no row to (compaction and manifest rewrites change snapshots, not rows).
     */
    private boolean goldUpToDate() {
        SilverCut current = SilverCut.current(tables);
        for (GoldTable g : GoldTable.values()) {
            Optional<SilverCut> builtFrom = Watermark.latest(tables.load(g.id()), Watermark.SILVER_SNAPSHOTS)
                    .map(SilverCut::decode);
            if (builtFrom.isEmpty() || !current.daysChangedSince(builtFrom, tables).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private List<Map<String, Object>> topCityHours() {
        Dataset<Row> top = spark.sql("SELECT city, hour_start, orders_paid, paid_amount, distinct_buyers"
                + " FROM " + GoldTable.CITY_HOURLY_SALES.id() + " ORDER BY paid_amount DESC, city, hour_start LIMIT 5");
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] names = top.columns();
        for (Row r : top.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> values = RowValues.of(r);
            for (int i = 0; i < names.length; i++) {
                m.put(names[i], values.get(i));
            }
            rows.add(m);
        }
        return rows;
    }

    private static long totalRecords(Snapshot s) {
        return Long.parseLong(s.summary().getOrDefault("total-records", "0"));
    }
}
