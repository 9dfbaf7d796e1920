package io.alluvium.generator;

import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;

/**
 * One Kafka record the generator sends, with what it is (the truth the report counts): a duplicate of
 * an earlier record, a malformed one and why, or a valid event that may be late or of schema v2, or
 * that completes a planted fraud case ({@code triggers}, else null).
 */
public record GeneratedRecord(Topic topic, String key, byte[] value, boolean duplicate, Reason malformed,
                              boolean late, boolean schemaV2, PlantedFraud triggers) {

    public boolean valid() {
        return !duplicate && malformed == null;
    }
}
