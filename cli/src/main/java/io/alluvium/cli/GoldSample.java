package io.alluvium.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A few Gold rows after a build, so that the demo shows what the platform produced, not only counts. */
final class GoldSample {
    private GoldSample() {
    }

    static void print(JsonNode reconcileResult, Console console) {
        JsonNode gold = reconcileResult.path("gold");
        if (gold.isMissingNode() || gold.isEmpty()) {
            return;
        }
        var wrapper = Console.JSON.createObjectNode();
        gold.fields().forEachRemaining(e -> wrapper.set(e.getKey(), e.getValue()));
        console.info("\nGold:");
        ResultViews.show(wrapper, console);
    }
}
