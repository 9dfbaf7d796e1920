package io.alluvium.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pointer {@code batch:current} and the batch watermark of REALTIME.md's *Batch view*. */
class BatchVersionTest {
    private static final Duration DELAY = Duration.ofMinutes(5);

    @Test
    void anHourIsCompleteOnceTheNewestEventIsTheDelayPastItsEnd() {
        // 10:05 − 5 min = 10:00: the hour 09:00–10:00 has ended
        assertThat(BatchVersion.lastCompleteHour(Instant.parse("2026-11-01T10:05:00Z"), DELAY))
                .isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
        // 1 ms less: 09:59:59.999, the hour 09 is still open, 08 is the last complete one
        assertThat(BatchVersion.lastCompleteHour(Instant.parse("2026-11-01T10:04:59.999Z"), DELAY))
                .isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(BatchVersion.lastCompleteHour(Instant.parse("2026-11-01T00:02:00Z"), DELAY))
                .isEqualTo(Instant.parse("2026-10-31T22:00:00Z"));
        assertThat(BatchVersion.lastCompleteHour(Instant.parse("2026-11-01T10:30:00Z"), Duration.ZERO))
                .isEqualTo(Instant.parse("2026-11-01T09:00:00Z"));
    }

    @Test
    void theWatermarkHourIsCoveredAndTheNextIsNot() {
        BatchVersion v = version(Instant.parse("2026-11-01T09:00:00Z"));
        assertThat(v.covers(Instant.parse("2026-11-01T08:00:00Z"))).isTrue();
        assertThat(v.covers(Instant.parse("2026-11-01T09:00:00Z"))).isTrue();
        assertThat(v.covers(Instant.parse("2026-11-01T10:00:00Z"))).isFalse();
    }

    @Test
    void theHashReadsBackAndASnapshotIdKeepsAll64Bits() {
        BatchVersion v = new BatchVersion(7, Long.MAX_VALUE - 1, Instant.parse("2026-11-01T09:00:00Z"), 250,
                Instant.parse("2026-12-07T11:00:01.5Z"));
        assertThat(v.toHash()).containsEntry("gold_snapshot_id", "9223372036854775806")
                .containsEntry("watermark", "2026-11-01T09:00:00Z").containsEntry("version", "7");
        assertThat(BatchVersion.ofHash(v.toHash())).contains(v);
        assertThat(BatchVersion.ofHash(Map.of())).isEmpty();
    }

    @Test
    void aPointerThatBreaksTheContractNamesTheField() {
        Map<String, String> hash = new HashMap<>(version(Instant.parse("2026-11-01T09:00:00Z")).toHash());
        hash.put("version", "two");
        assertThatThrownBy(() -> BatchVersion.ofHash(hash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch:current, field version: expected a whole number, got \"two\"");
        hash.remove("version");
        assertThatThrownBy(() -> BatchVersion.ofHash(hash)).hasMessage("batch:current has no field version");
        assertThatThrownBy(() -> version(Instant.parse("2026-11-01T09:30:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BatchVersion version(Instant watermark) {
        return new BatchVersion(1, 42, watermark, 10, Instant.parse("2026-12-07T11:00:00Z"));
    }
}
