package io.alluvium.generator;

import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the generator ever sent into this platform: the sum of all its reports. Reconciliation
 * compares this with Bronze (sent distinct = Bronze distinct offsets) and Silver.
 */
public final class SendReports {
    private SendReports() {
    }

    public static List<SendReport> all(DataDir dataDir) {
        Path folder = SendReport.folder(dataDir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().map(SendReport::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Per topic, the counts of every report summed (every topic present, zero if never sent). */
    public static Map<Topic, TopicCounts> total(DataDir dataDir) {
        Map<Topic, TopicCounts> total = new EnumMap<>(Topic.class);
        for (Topic t : Topic.values()) {
            total.put(t, TopicCounts.ZERO);
        }
        for (SendReport report : all(dataDir)) {
            report.topics().forEach((topic, counts) -> total.merge(topic, counts, TopicCounts::plus));
        }
        return total;
    }
}
