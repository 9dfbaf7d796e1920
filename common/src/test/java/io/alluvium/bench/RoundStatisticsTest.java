package io.alluvium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The median, spread and short-round warning every bench reports, and their shape in a result line. */
class RoundStatisticsTest {

    @Test
    void theMedianIsTheMiddleRoundWhateverTheOrderTheRoundsRanIn() {
        RoundStatistics stats = new RoundStatistics(List.of(130.0, 100.0, 120.0), List.of(12.0, 15.0, 13.0));
        assertThat(stats.median()).isEqualTo(120.0);
        assertThat(stats.min()).isEqualTo(100.0);
        assertThat(stats.max()).isEqualTo(130.0);
        assertThat(stats.rounds()).isEqualTo(3);
        assertThat(stats.spreadPercent()).hasValueSatisfying(p -> assertThat(p).isCloseTo(25.0, within(1e-9)));
        assertThat(stats.warning()).isEmpty();
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        assertThat(RoundStatistics.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
        assertThat(RoundStatistics.median(List.of(7.0))).isEqualTo(7.0);
    }

    @Test
    void equalRoundsHaveNoSpreadAndAMedianOfZeroHasNone() {
        assertThat(new RoundStatistics(List.of(5.0, 5.0, 5.0), List.of(10.0, 10.0, 10.0)).spreadPercent()).contains(0.0);
        assertThat(new RoundStatistics(List.of(0.0, 0.0, 3.0), List.of(10.0, 10.0, 10.0)).spreadPercent()).isEmpty();
    }

    @Test
    void aRoundShorterThanTenSecondsIsUnstable() {
        RoundStatistics stats = new RoundStatistics(List.of(1.0, 2.0, 3.0), List.of(10.0, 9.9, 30.0));
        assertThat(stats.shortestRoundSeconds()).isEqualTo(9.9);
        assertThat(stats.warning()).contains("round shorter than 10 s: unstable");
    }

    @Test
    void theFieldsAreTheResultLinesShape() {
        Map<String, Object> fields = new RoundStatistics(List.of(100.0, 300.0, 200.0), List.of(4.0, 12.0, 11.0))
                .fields("records_per_s");
        assertThat(fields).containsExactly(
                Map.entry("figure", "records_per_s"),
                Map.entry("median", 200.0),
                Map.entry("min", 100.0),
                Map.entry("max", 300.0),
                Map.entry("spread_pct", 100.0),
                Map.entry("values", List.of(100.0, 300.0, 200.0)),
                Map.entry("round_seconds", List.of(4.0, 12.0, 11.0)),
                Map.entry("warning", RoundStatistics.SHORT_ROUND));
    }

    @Test
    void roundsWithoutDurationsOrWithoutFiguresAreRefused() {
        assertThatThrownBy(() -> new RoundStatistics(List.of(), List.of()))
                .hasMessageContaining("one figure and one duration per round");
        assertThatThrownBy(() -> new RoundStatistics(List.of(1.0, 2.0), List.of(1.0)))
                .hasMessageContaining("got 2 figures and 1 durations");
        assertThatThrownBy(() -> new RoundStatistics(List.of(Double.NaN), List.of(1.0)))
                .hasMessageContaining("finite numbers >= 0");
    }
}
