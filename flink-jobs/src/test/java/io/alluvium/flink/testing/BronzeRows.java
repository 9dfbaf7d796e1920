package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Layer;
import io.alluvium.flink.landing.BronzeCatalog;
import io.alluvium.tables.BronzeTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

/** Everything the Bronze tables hold, read with Iceberg's generic reader (no engine in between). */
public final class BronzeRows {
    private BronzeRows() {
    }

    public static List<SentRecords.Sent> read(AlluviumConfig config) throws Exception {
        List<SentRecords.Sent> rows = new ArrayList<>();
        try (BronzeCatalog catalog = BronzeCatalog.open(config, Layer.BRONZE.namespace())) {
            for (Table table : catalog.createMissingTables().values()) {
                try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
                    for (Record r : records) {
                        rows.add(new SentRecords.Sent(
                                (String) r.getField(BronzeTable.KAFKA_TOPIC),
                                (Integer) r.getField(BronzeTable.KAFKA_PARTITION),
                                (Long) r.getField(BronzeTable.KAFKA_OFFSET),
                                (String) r.getField(BronzeTable.RECORD_KEY),
                                (String) r.getField(BronzeTable.PAYLOAD)));
                    }
                }
            }
        }
        return rows;
    }

    /** Rows committed to the three tables, from their current snapshots' summaries. */
    public static long committedRows(AlluviumConfig config) throws Exception {
        long rows = 0;
        try (BronzeCatalog catalog = BronzeCatalog.open(config, Layer.BRONZE.namespace())) {
            for (Table table : catalog.createMissingTables().values()) {
                if (table.currentSnapshot() != null) {
                    rows += Long.parseLong(table.currentSnapshot().summary().getOrDefault("total-records", "0"));
                }
            }
        }
        return rows;
    }
}
