package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.domain.Topic;
import io.alluvium.generator.GeneratedRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A live step's rendered records: handed out once each, until they run out or the step is cut short. */
class RenderedLoadTest {
    private static List<GeneratedRecord> records(int n) {
        return IntStream.range(0, n).mapToObj(i -> new GeneratedRecord(Topic.ORDERS, "k" + i, new byte[] {(byte) i},
                false, null, false, false, null)).toList();
    }

    @Test
    void everyRecordIsHandedOutOnceUntilTheyRunOut() {
        List<GeneratedRecord> rendered = records(5);
        Iterator<GeneratedRecord> load = new RenderedLoad(rendered.iterator(), 5).handOut(() -> false);
        List<GeneratedRecord> sent = new ArrayList<>();
        load.forEachRemaining(sent::add);
        assertThat(sent).containsExactlyElementsOf(rendered);
        assertThatThrownBy(load::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aCutShortStepEndsAtTheNextRecordButHandsOutTheOneAlreadyPromised() {
        AtomicBoolean cut = new AtomicBoolean();
        Iterator<GeneratedRecord> load = new RenderedLoad(records(5).iterator(), 5).handOut(cut::get);
        assertThat(load.hasNext()).isTrue();
        cut.set(true); // the sampler finds the step overloaded between the publisher's hasNext() and next()
        assertThat(load.next().key()).isEqualTo("k0");
        assertThat(load.hasNext()).isFalse();
    }
}
