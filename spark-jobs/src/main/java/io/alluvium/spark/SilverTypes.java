package io.alluvium.spark;

import io.alluvium.contract.Field;
import java.util.stream.Collectors;

/**
 * The Silver column type of each field of the event contract (common's EventContracts, spark-jobs/TABLES.md):
 * what a valid event's value becomes in {@code silver.<topic>}.
 */
final class SilverTypes {
    private SilverTypes() {
    }

    static String of(Field field) {
        return switch (field.type()) {
            case STRING -> "string";
            case TIMESTAMP -> "timestamp";
            case MONEY -> "decimal(18,2)";
            case INTEGER -> "int";
            case OBJECTS -> "array<struct<" + field.items().stream().map(item -> item.name() + ":" + of(item))
                    .collect(Collectors.joining(",")) + ">>";
        };
    }
}
