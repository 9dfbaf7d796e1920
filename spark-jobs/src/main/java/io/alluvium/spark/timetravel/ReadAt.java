package io.alluvium.spark.timetravel;

import java.time.Instant;

/** The snapshot a table of a time-travel query was read at, and when it was committed: shown with the rows. */
public record ReadAt(String table, long snapshotId, Instant committedAt) {
}
