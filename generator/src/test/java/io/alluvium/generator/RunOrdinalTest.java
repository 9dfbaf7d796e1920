package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A second run into the same data directory sends new events, not the first run again. */
class RunOrdinalTest {
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    private static final Pattern ORDER_ID = Pattern.compile("\"order_id\":\"([^\"]+)\"");

    private static GeneratorPlan run(long ordinal) {
        GeneratorPlan p = GeneratorPlan.from(AlluviumConfig.defaults().with(Map.of("generator.events", "5000"), "test"));
        return new GeneratorPlan(p.seed(), p.recordsPerTopic(), p.duplicateRate(), p.lateRate(), p.malformedRate(),
                p.zipfExponent(), p.schemaV2At(), p.rate(), p.burstFactor(), p.startMillis(), p.spanMillis(), ordinal,
                p.fraudRate(), p.fraud());
    }

    private static Set<String> ids(GeneratorPlan plan, Pattern field) {
        Set<String> ids = new HashSet<>();
        for (Iterator<GeneratedRecord> it = new EventGenerator(plan).all(); it.hasNext(); ) {
            Matcher m = field.matcher(new String(it.next().value(), StandardCharsets.UTF_8));
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    @Test
    void runsOfOneSeedShareNoEventOrOrderIds() {
        Set<String> first = ids(run(1), EVENT_ID);
        Set<String> second = ids(run(2), EVENT_ID);
        assertThat(first).hasSizeGreaterThan(4000);
        assertThat(second).hasSizeGreaterThan(4000).doesNotContainAnyElementsOf(first);
        assertThat(ids(run(2), ORDER_ID)).doesNotContainAnyElementsOf(ids(run(1), ORDER_ID));
    }

    @Test
    void theSameRunOfTheSameSeedIsTheSameAgain() {
        assertThat(ids(run(2), EVENT_ID)).isEqualTo(ids(run(2), EVENT_ID));
    }
}
