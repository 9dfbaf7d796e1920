package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecordsAheadTest {

    @Test
    void handsOverEveryRecordOfTheRunInItsOrder() {
        GeneratorPlan plan = EventGeneratorTest.plan(Map.of("generator.events", "25000", "generator.seed", "7"));
        List<GeneratedRecord> made = new ArrayList<>();
        new EventGenerator(plan).all().forEachRemaining(made::add);
        List<GeneratedRecord> handedOver = new ArrayList<>();
        try (RecordsAhead ahead = new RecordsAhead(new EventGenerator(plan).all())) {
            ahead.forEachRemaining(handedOver::add);
            assertThat(ahead.hasNext()).isFalse();
            assertThatThrownBy(ahead::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(handedOver).hasSize(made.size()).hasSizeGreaterThan(RecordsAhead.BATCH * RecordsAhead.BATCHES_AHEAD);
        for (int i = 0; i < made.size(); i++) {
            assertThat(handedOver.get(i).key()).isEqualTo(made.get(i).key());
            assertThat(handedOver.get(i).value()).isEqualTo(made.get(i).value());
        }
    }

    @Test
    void theSourcesFailureReachesTheSenderAfterTheRecordsBeforeIt() {
        int good = RecordsAhead.BATCH + 10;
        Iterator<GeneratedRecord> failing = new Iterator<>() {
            private int made;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public GeneratedRecord next() {
                if (made == good) {
                    throw new IllegalStateException("the plan ran out of users");
                }
                made++;
                return record("k" + made);
            }
        };
        List<String> keys = new ArrayList<>();
        try (RecordsAhead ahead = new RecordsAhead(failing)) {
            assertThatThrownBy(() -> ahead.forEachRemaining(r -> keys.add(r.key())))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the plan ran out of users");
        }
        // the first full batch went out; the partial batch the failure interrupted did not
        assertThat(keys).hasSize(RecordsAhead.BATCH).startsWith("k1", "k2");
    }

    @Test
    void closingStopsTheMakerAFewBatchesAhead() throws InterruptedException {
        AtomicLong made = new AtomicLong();
        Iterator<GeneratedRecord> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public GeneratedRecord next() {
                return record("k" + made.incrementAndGet());
            }
        };
        RecordsAhead ahead = new RecordsAhead(endless);
        assertThat(ahead.next().key()).isEqualTo("k1");
        ahead.close();
        Thread.sleep(200);
        long afterClose = made.get();
        Thread.sleep(200);
        assertThat(made.get()).isEqualTo(afterClose)
                .isLessThanOrEqualTo((long) RecordsAhead.BATCH * (RecordsAhead.BATCHES_AHEAD + 2));
    }

    private static GeneratedRecord record(String key) {
        return new GeneratedRecord(Topic.ORDERS, key, new byte[] {'{', '}'}, false, null, false, false, null);
    }
}
