package io.alluvium.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.BatchVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which view answers each hour (flink-jobs/REALTIME.md, *Batch view*): the merge rule, without a store. */
class HourSplitTest {
    private static final Instant H08 = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant H09 = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant H10 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant H11 = Instant.parse("2026-11-01T11:00:00Z");
    private static final List<Instant> HOURS = List.of(H08, H09, H10, H11);
    /** Watermark 09:00: the batch covers the hours up to and including 09. */
    private static final Optional<BatchVersion> BATCH = Optional.of(
            new BatchVersion(4, 77, H09, 100, Instant.parse("2026-12-07T11:00:00Z")));

    @Test
    void lambdaTakesTheBatchUpToAndIncludingTheWatermarkHourAndTheSpeedViewAfter() {
        HourSplit split = HourSplit.of(ServedView.LAMBDA, HOURS, BATCH);
        assertThat(split.batchHours()).containsExactly(H08, H09);
        assertThat(split.speedHours()).containsExactly(H10, H11);
    }

    @Test
    void lambdaOverARangeOnOneSideOfTheWatermarkReadsOneView() {
        assertThat(HourSplit.of(ServedView.LAMBDA, List.of(H08, H09), BATCH))
                .isEqualTo(new HourSplit(List.of(H08, H09), List.of()));
        assertThat(HourSplit.of(ServedView.LAMBDA, List.of(H10, H11), BATCH))
                .isEqualTo(new HourSplit(List.of(), List.of(H10, H11)));
    }

    @Test
    void lambdaWithoutAPublishedBatchIsTheSpeedView() {
        assertThat(HourSplit.of(ServedView.LAMBDA, HOURS, Optional.empty()))
                .isEqualTo(new HourSplit(List.of(), HOURS));
    }

    @Test
    void speedAndBatchTakeEveryHourFromTheirSideWhateverTheWatermark() {
        assertThat(HourSplit.of(ServedView.SPEED, HOURS, BATCH)).isEqualTo(new HourSplit(List.of(), HOURS));
        assertThat(HourSplit.of(ServedView.BATCH, HOURS, BATCH)).isEqualTo(new HourSplit(HOURS, List.of()));
        assertThat(HourSplit.of(ServedView.BATCH, HOURS, Optional.empty()))
                .isEqualTo(new HourSplit(List.of(), List.of()));
    }
}
