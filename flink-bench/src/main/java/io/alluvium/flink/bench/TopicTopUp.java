package io.alluvium.flink.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.runtime.ChildProtocol;

/**
 * Adds events to the topics, a generator run as {@code alluvium generate} sends it (a run of its own: new ids,
 * the days after the runs before it), as fast as the broker takes them: how a bench whose calibration round
 * says its rounds would be too short gets the records for rounds that last long enough (docs/benchmarks.md,
 * "How the benches measure").
 */
final class TopicTopUp {
    private TopicTopUp() {
    }

    static void add(AlluviumConfig config, long events, ChildProtocol out, String stage) throws InterruptedException {
        AlluviumConfig more = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events))
                .with(AlluviumSettings.GENERATOR_RATE, "0");
        KafkaPublisher.of(more).publish(new EventGenerator(GeneratorPlan.from(more)),
                (done, total) -> out.progress(stage, done, total));
    }
}
