package io.alluvium.spark;

import java.util.Map;

/**
 * What one Silver run did for one topic: the Bronze range read and where every row went.
 * {@code bronzeRowsRead = silverRowsWritten + quarantined + duplicatesDropped} holds for every run;
 * {@code quarantineRowsWritten} is smaller than {@code quarantined} only when a killed run had already
 * committed them.
 */
public record SilverReport(String topic, Long bronzeSnapshotFrom, Long bronzeSnapshotTo, long bronzeRowsRead,
                           long silverRowsWritten, long quarantined, Map<String, Long> quarantinedByReason,
                           long quarantineRowsWritten, long duplicatesDropped, double seconds) {

    public static SilverReport upToDate(String topic, double seconds) {
        return new SilverReport(topic, null, null, 0, 0, 0, Map.of(), 0, 0, seconds);
    }
}
