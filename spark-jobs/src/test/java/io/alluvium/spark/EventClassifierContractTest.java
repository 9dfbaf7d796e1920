package io.alluvium.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.contract.ContractCases;
import io.alluvium.contract.ContractCases.Case;
import io.alluvium.contract.EventContracts;
import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Silver's classification against the shared table of the event contract's cases (common's
 * {@link ContractCases}, docs/events.md): each crafted payload gets the reason the table expects, the same that
 * flink-jobs' realtime validation gives it, and a rejected one a detail. A topic's cases are classified together,
 * as one Bronze batch.
 */
class EventClassifierContractTest {

    @ParameterizedTest
    @EnumSource(Topic.class)
    void givesTheReasonOfTheContract(Topic topic) {
        List<Case> cases = ContractCases.of(topic);
        List<Row> bronze = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            bronze.add(RowFactory.create(0, (long) i, cases.get(i).payload()));
        }
        List<Row> classified = new EventClassifier(EventContracts.of(topic))
                .classify(TestLake.spark().createDataFrame(bronze,
                        StructType.fromDDL("kafka_partition int, kafka_offset bigint, payload string")))
                .orderBy("kafka_offset").select(EventClassifier.REASON, EventClassifier.DETAIL).collectAsList();

        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Row row = classified.get(i);
            expected.put(cases.get(i).name(), cases.get(i).reason());
            actual.put(cases.get(i).name(), row.getString(0));
            if (!row.isNullAt(0)) {
                assertThat(row.getString(1)).as("detail of " + cases.get(i)).isNotBlank();
            }
        }
        assertThat(actual).containsExactlyEntriesOf(expected);
    }
}
