package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.ResultViews;

/** A few Gold rows after a build, so that the demo shows what the platform produced, not only counts. */
final class GoldSample {
    private GoldSample() {
    }

    static void print(JsonNode reconcileResult, Console console) {
        JsonNode top = reconcileResult.path("top_city_hours_by_paid_amount");
        if (top.isEmpty()) {
            return;
        }
        var sample = Console.JSON.createObjectNode();
        sample.set("gold_rows", reconcileResult.path("gold_rows"));
        sample.set("top_city_hours_by_paid_amount", top);
        console.info("\nGold:");
        ResultViews.show(sample, console);
    }
}
