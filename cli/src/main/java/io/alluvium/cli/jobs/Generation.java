package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.ProgressDisplay;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.generator.KafkaPublisher;
import io.alluvium.generator.SendReport;
import io.alluvium.generator.SendReports;
import io.alluvium.generator.TopicCounts;
import io.alluvium.runtime.DataDir;
import java.util.Map;

/** The generator as the CLI runs it: a progress bar while sending, the send report as JSON after. */
public final class Generation {
    private Generation() {
    }

    /** Sends one run per the {@code generator.*} settings; returns its report. */
    public static JsonNode run(AlluviumConfig config) {
        EventGenerator generator = new EventGenerator(GeneratorPlan.from(config));
        try (ProgressDisplay progress = new ProgressDisplay(config.getBoolean(AlluviumSettings.CONSOLE_PROGRESS))) {
            SendReport report = KafkaPublisher.of(config).publish(generator,
                    (done, total) -> progress.update("generate", done, total));
            return report.toJson();
        } catch (KafkaPublisher.PublishException e) {
            throw new JobFailure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobFailure("generation interrupted");
        }
    }

    /** Everything ever sent into this data directory, per topic, as reconciliation reads it. */
    static JsonNode totals(AlluviumConfig config) {
        ObjectNode totals = Console.JSON.createObjectNode();
        for (Map.Entry<Topic, TopicCounts> e : SendReports.total(DataDir.of(config)).entrySet()) {
            TopicCounts c = e.getValue();
            ObjectNode t = totals.putObject(e.getKey().topicName());
            t.put("sent", c.sent());
            t.put("distinct", c.distinct());
            t.put("duplicates", c.duplicates());
            t.put("malformed", c.malformed());
        }
        return totals;
    }
}
