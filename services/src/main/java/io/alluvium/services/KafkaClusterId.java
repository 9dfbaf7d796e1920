package io.alluvium.services;

import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;

/**
 * The one id every node of the embedded Kafka is formatted with: nodes formatted with different ids never form
 * a cluster. The first node to need it makes it; since the nodes start together, it is published with a hard link,
 * which the file system makes atomically or refuses, so that every node reads the same id.
 */
public final class KafkaClusterId {
    private final Path file;

    public KafkaClusterId(Path file) {
        this.file = file;
    }

    /** The id of the embedded Kafka of {@code dataDir}, in {@code <data.dir>/kafka/cluster.id}. */
    static KafkaClusterId in(DataDir dataDir) {
        return new KafkaClusterId(dataDir.kafka().resolve("cluster.id"));
    }

    /** The id, made now if no node has made it yet. */
    String get() {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path draft = Files.createTempFile(file.getParent(), "cluster.id", ".draft");
                Files.writeString(draft, Uuid.randomUuid().toString());
                try {
                    Files.createLink(file, draft);
                } catch (FileAlreadyExistsException e) {
                    // another node made it first: its id is the cluster's
                } finally {
                    Files.delete(draft);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka cluster id in " + file + ": " + e.getMessage(), e);
        }
    }
}
