package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.Layer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a batch run says it built: what the doctor then maintains, so only tables that exist. */
class BatchRunResultTest {
    @Test
    void aGoldTableWithNoDayRebuiltIsNotAmongTheTablesBuilt() {
        BatchRun.Result result = new BatchRun.Result("gold", null, List.of(), List.of(
                new GoldReport("city_hourly_sales", List.of(LocalDate.parse("2026-11-01")), 40, 3, 1.0),
                new GoldReport("daily_funnel", List.of(), 0, 0, 0.1)), 1.1, List.of(), List.of(), null);

        assertThat(result.tablesBuilt()).containsExactly(Layer.GOLD.table("city_hourly_sales"));
    }
}
