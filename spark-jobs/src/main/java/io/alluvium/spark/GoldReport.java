package io.alluvium.spark;

import java.time.LocalDate;
import java.util.List;

/** What one Gold run did for one table: the event days it replaced and the rows they now hold. */
public record GoldReport(String table, List<LocalDate> daysRebuilt, long rowsWritten, double seconds) {
}
