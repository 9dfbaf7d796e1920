package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.Progress;
import java.util.concurrent.CompletableFuture;

/** Traffic arriving while a job runs: one generator run of the settings' events at their rate, sent in the background. */
public final class GeneratedLoad {
    private GeneratedLoad() {
    }

    public static CompletableFuture<Void> sendInBackground(AlluviumConfig config) {
        GeneratorPlan plan = GeneratorPlan.from(config);
        return CompletableFuture.runAsync(() -> {
            try {
                KafkaPublisher.of(config).publish(new EventGenerator(plan), Progress.NONE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
