package io.alluvium.spark;

import java.time.LocalDate;
import java.util.List;

/**
 * What one Gold run did for one table: the event days it replaced, the rows they now hold, and how many
 * Gold-vs-Silver checks the build passed on its audit branch before it was published (0 when nothing was built).
 */
public record GoldReport(String table, List<LocalDate> daysRebuilt, long rowsWritten, int checksPassed,
                         double seconds) {
}
