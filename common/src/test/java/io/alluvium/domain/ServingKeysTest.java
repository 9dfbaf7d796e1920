package io.alluvium.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The key names of REALTIME.md, and reading them back. */
class ServingKeysTest {
    private static final Instant HOUR = Instant.parse("2026-11-01T07:00:00Z");

    @Test
    void keysAreSpelledAsTheContractSays() {
        assertThat(ServingKeys.cityHour("Paris", HOUR)).isEqualTo("city_hour:Paris:2026-11-01T07");
        assertThat(ServingKeys.cityMinute("Paris", HOUR.plusSeconds(5 * 60)))
                .isEqualTo("city_minute:Paris:2026-11-01T07:05");
        assertThat(ServingKeys.funnelHour("Paris", HOUR)).isEqualTo("funnel_hour:Paris:2026-11-01T07");
        assertThat(ServingKeys.funnelMinute("Paris", HOUR.plusSeconds(59 * 60)))
                .isEqualTo("funnel_minute:Paris:2026-11-01T07:59");
        assertThat(ServingKeys.perCity(ServingKeys.FUNNEL_MINUTE_PREFIX, "Paris", "2026-11-01T07:05"))
                .isEqualTo(ServingKeys.funnelMinute("Paris", HOUR.plusSeconds(5 * 60)));
        assertThat(ServingKeys.user("u-000042")).isEqualTo("user:u-000042");
        assertThat(ServingKeys.alert("card_velocity:e-1")).isEqualTo("alert:card_velocity:e-1");
        assertThat(ServingKeys.counts("orders")).isEqualTo("realtime:orders:counts");
        assertThat(ServingKeys.tooLate("payments")).isEqualTo("realtime:payments:too_late");
        assertThat(ServingKeys.CITIES).isEqualTo("realtime:cities");
        assertThat(ServingKeys.ALERTS_BY_TIME).isEqualTo("alerts:by_time");
    }

    @Test
    void aCityHourKeyReadsBackEvenWhenTheCityHasAColon() {
        assertThat(ServingKeys.parseCityHour("city_hour:Paris:2026-11-01T07"))
                .contains(new ServingKeys.CityHour("Paris", HOUR));
        assertThat(ServingKeys.parseCityHour(ServingKeys.cityHour("Rome: Centro", HOUR)))
                .contains(new ServingKeys.CityHour("Rome: Centro", HOUR));
    }

    @Test
    void otherKeysAreNotCityHours() {
        assertThat(ServingKeys.parseCityHour("city_hour:Paris")).isEmpty();
        assertThat(ServingKeys.parseCityHour("city_hour::2026-11-01T07")).isEmpty();
        assertThat(ServingKeys.parseCityHour("city_hour:Paris:2026-11-01T7")).isEmpty();
        assertThat(ServingKeys.parseCityHour("city_minute:Paris:2026-11-01T07:05")).isEmpty();
        assertThat(ServingKeys.parseCityHour("city_hour:Paris:2026-13-01T07")).isEmpty();
    }

    @Test
    void countsKeysNameTheirStream() {
        assertThat(ServingKeys.countsStream("realtime:alerts:counts")).contains("alerts");
        assertThat(ServingKeys.countsStream("realtime::counts")).isEmpty();
        assertThat(ServingKeys.countsStream("realtime:orders:too_late")).isEmpty();
    }

    @Test
    void onlyTheStartOfAnHourNamesAnHour() {
        assertThatThrownBy(() -> ServingKeys.cityHour("Paris", HOUR.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServingKeys.funnelHour("Paris", HOUR.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minutesReadBackAsKeysWriteThem() {
        Instant minute = HOUR.plusSeconds(5 * 60);
        assertThat(ServingKeys.parseMinute(ServingKeys.minuteText(minute))).contains(minute);
        assertThat(ServingKeys.parseMinute("2026-11-01T07:5")).isEmpty();
        assertThat(ServingKeys.parseMinute("2026-11-01T07")).isEmpty();
        assertThat(ServingKeys.parseMinute("2026-11-01T07:60")).isEmpty();
        assertThat(ServingKeys.parseMinute("2026-11-01 07:05")).isEmpty();
    }

    @Test
    void hoursReadBackAsKeysWriteThemAndNothingElseReadsAsAnHour() {
        assertThat(ServingKeys.hourText(HOUR)).isEqualTo("2026-11-01T07");
        assertThat(ServingKeys.minuteText(HOUR.plusSeconds(5 * 60))).isEqualTo("2026-11-01T07:05");
        assertThat(ServingKeys.parseHour("2026-11-01T07")).contains(HOUR);
        assertThat(ServingKeys.parseHour("2024-02-29T23")).contains(Instant.parse("2024-02-29T23:00:00Z"));
        for (String notAnHour : new String[] {"+026-11-01T07", "2026-11-01T-7", "2026-11-01t07", "2026/11/01T07",
                "2026-11-01T24", "2026-00-01T07", "2026-02-30T07", "2025-02-29T07", "2026-11-01T07:00", "٢٠٢٦-11-01T07"}) {
            assertThat(ServingKeys.parseHour(notAnHour)).as(notAnHour).isEmpty();
        }
    }

    @Test
    void onlyTheStartOfAMinuteNamesAMinute() {
        assertThatThrownBy(() -> ServingKeys.cityMinute("Paris", HOUR.plusSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the start of a minute");
        assertThatThrownBy(() -> ServingKeys.funnelMinute("Paris", HOUR.plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchViewKeysNameTheirVersionAndDoNotMatchTheSpeedViewsPatterns() {
        assertThat(ServingKeys.batchCityHour(3, "Paris", HOUR)).isEqualTo("batch:v3:city_hour:Paris:2026-11-01T07");
        assertThat(ServingKeys.batchCities(12)).isEqualTo("batch:v12:cities");
        assertThat(ServingKeys.BATCH_CURRENT).isEqualTo("batch:current");
        assertThat(ServingKeys.batchVersion(ServingKeys.batchCityHour(3, "Rome: Centro", HOUR))).contains(3L);
        assertThat(ServingKeys.batchVersion("batch:v12:cities")).contains(12L);
        assertThat(ServingKeys.batchVersion(ServingKeys.BATCH_CURRENT)).isEmpty();
        assertThat(ServingKeys.batchVersion("batch:v:cities")).isEmpty();
        assertThat(ServingKeys.batchVersion("batch:vx1:cities")).isEmpty();
        assertThat(ServingKeys.batchVersion("city_hour:Paris:2026-11-01T07")).isEmpty();
        assertThat(ServingKeys.parseCityHour(ServingKeys.batchCityHour(3, "Paris", HOUR))).isEmpty();
        assertThatThrownBy(() -> ServingKeys.batchCities(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
