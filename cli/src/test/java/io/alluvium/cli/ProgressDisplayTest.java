package io.alluvium.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

/**
 * The progress bars a person sees for a job's stages, drawn as text: every stage's bar ends complete when
 * the next stage begins, and once a bar has ended nothing redraws it (its timer does not run on).
 */
class ProgressDisplayTest {
    /** Each bar as drawn, in the order the bars were made, one text per redraw. */
    private final List<List<String>> drawn = new CopyOnWriteArrayList<>();

    private ProgressDisplay display() {
        return new ProgressDisplay(true, builder -> {
            List<String> bar = new CopyOnWriteArrayList<>();
            drawn.add(bar);
            return builder.setConsumer(new DelegatingProgressBarConsumer(bar::add, 120));
        });
    }

    /** The stages of {@code batch all}, as the Spark job reports them. */
    private static void batchAll(ProgressDisplay display) {
        String[] topics = {"clickstream", "orders", "payments"};
        for (int i = 0; i < topics.length; i++) {
            display.update("silver " + topics[i], i, 3);
        }
        display.update("silver", 3, 3);
        String[] gold = {"city_hourly_sales", "daily_funnel", "user_daily_features"};
        for (int i = 0; i < gold.length; i++) {
            display.update("gold " + gold[i], i, 3);
        }
        display.update("gold", 3, 3);
    }

    @Test
    void everyBarOfBatchAllEndsComplete() throws InterruptedException {
        try (ProgressDisplay display = display()) {
            batchAll(display);
        }
        assertThat(lastDrawn()).hasSize(8).allSatisfy(bar -> assertThat(bar).contains("100%").contains(" 3/3 "));
        assertThat(lastDrawn().get(1)).startsWith("silver orders 100% [");
        assertNothingRedraws();
    }

    @Test
    void aJobThatStopsLeavesItsLastBarWhereItStoppedButStillEnded() throws InterruptedException {
        try (ProgressDisplay display = display()) {
            display.update("silver clickstream", 0, 3);
            display.update("silver orders", 1, 3);
        }
        assertThat(lastDrawn()).hasSize(2);
        assertThat(lastDrawn().get(0)).startsWith("silver clickstream 100% [");
        assertThat(lastDrawn().get(1)).startsWith("silver orders  33% [").contains(" 1/3 ");
        assertNothingRedraws();
    }

    @Test
    void offATerminalNothingIsDrawn() {
        try (ProgressDisplay display = new ProgressDisplay(false, builder -> {
            throw new AssertionError("a bar was built");
        })) {
            batchAll(display);
        }
        assertThat(drawn).isEmpty();
    }

    private List<String> lastDrawn() {
        return drawn.stream().map(texts -> texts.get(texts.size() - 1)).toList();
    }

    private void assertNothingRedraws() throws InterruptedException {
        int before = redraws();
        Thread.sleep(1000);
        assertThat(redraws()).as("redraws after every bar ended").isEqualTo(before);
    }

    private int redraws() {
        return drawn.stream().mapToInt(List::size).sum();
    }
}
