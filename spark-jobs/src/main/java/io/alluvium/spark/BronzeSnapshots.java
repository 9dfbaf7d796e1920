package io.alluvium.spark;

import io.alluvium.domain.Layer;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.iceberg.Snapshot;

/**
 * The current snapshot of each Bronze table and the rows it holds, taken once when a bench starts: both
 * contenders must read exactly this Bronze, so a bench whose Bronze moves (landing still running) is
 * detected instead of comparing builds over different inputs.
 */
public record BronzeSnapshots(Map<Topic, Long> ids, long rows) {

    /** Bronze as it is now; bad input when a topic has no Bronze table or no rows yet. */
    public static BronzeSnapshots current(LakeTables tables) {
        Map<Topic, Long> ids = new EnumMap<>(Topic.class);
        long rows = 0;
        for (Topic t : Topic.values()) {
            var id = Layer.BRONZE.table(t);
            Snapshot s = tables.exists(id) ? tables.load(id).currentSnapshot() : null;
            if (s == null) {
                throw new BadInputException(tables.name(id) + " holds no data: land events in Bronze first"
                        + " (alluvium generate, then alluvium stream start landing --until-caught-up)");
            }
            ids.put(t, s.snapshotId());
            rows += Long.parseLong(s.summary().getOrDefault("total-records", "0"));
        }
        if (rows == 0) {
            throw new BadInputException("Bronze holds no rows: land events in Bronze first"
                    + " (alluvium generate, then alluvium stream start landing --until-caught-up)");
        }
        return new BronzeSnapshots(ids, rows);
    }
}
