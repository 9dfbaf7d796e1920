package io.alluvium.spark;

import io.alluvium.contract.EventContracts;
import io.alluvium.contract.Field;
import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import org.apache.spark.sql.types.StructType;

/**
 * The shapes of {@code silver.<topic>} and {@code quarantine.<topic>} (TABLES.md documents them).
 * Silver: the contract's typed fields, then {@code event_day} (UTC day of event_ts, the partition) and the
 * Kafka coordinates of the record it came from. Quarantine: the raw payload with its reason.
 */
public final class SilverTables {
    public static final String EVENT_DAY = "event_day";
    public static final String SILVER_PARTITIONING = EVENT_DAY;
    public static final String QUARANTINE_PARTITIONING = "days(kafka_timestamp)";

    private SilverTables() {
    }

    public static StructType silverSchema(Topic topic) {
        StringBuilder ddl = new StringBuilder();
        for (Field f : EventContracts.of(topic).fields()) {
            ddl.append(f.name()).append(' ').append(SilverTypes.of(f)).append(", ");
        }
        ddl.append(EVENT_DAY).append(" date, kafka_partition int, kafka_offset bigint");
        return StructType.fromDDL(ddl.toString());
    }

    public static StructType quarantineSchema() {
        return StructType.fromDDL("payload string, reason string, detail string, kafka_partition int,"
                + " kafka_offset bigint, kafka_timestamp timestamp, quarantined_at timestamp");
    }

    /** Creates the Silver and Quarantine tables of a topic, or adds the columns they lack. */
    public static void ensure(LakeTables tables, Topic topic) {
        tables.ensure(Layer.SILVER.table(topic), silverSchema(topic), SILVER_PARTITIONING);
        tables.ensure(Layer.QUARANTINE.table(topic), quarantineSchema(), QUARANTINE_PARTITIONING);
    }
}
