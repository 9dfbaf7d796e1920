package io.alluvium.domain;

import java.util.Arrays;
import java.util.Locale;

/**
 * The three event streams of the marketplace (docs/architecture.md#topics), one Kafka topic each. The key field is
 * what the producer partitions by, so all events of one key stay in order on one partition.
 */
public enum Topic {
    CLICKSTREAM("clickstream", "user_id"),
    ORDERS("orders", "order_id"),
    PAYMENTS("payments", "user_id");

    private final String topicName;
    private final String keyField;

    Topic(String topicName, String keyField) {
        this.topicName = topicName;
        this.keyField = keyField;
    }

    /** The Kafka topic name, also the table name in every layer ({@code bronze.orders}). */
    public String topicName() {
        return topicName;
    }

    public String keyField() {
        return keyField;
    }

    public static Topic fromName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.topicName.equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown topic \"" + name + "\" (expected clickstream, orders or payments)"));
    }

    @Override
    public String toString() {
        return topicName;
    }
}
