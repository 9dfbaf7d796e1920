package io.alluvium.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.Console;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef.RawValue;
import io.alluvium.doctor.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The doctor's cost traps priced by hand from the us-east-1 list prices the architect ships (docs/doctor.md#cost):
 * 10 GB a day written to an s3:// warehouse without a gateway endpoint is 300 GB a month through NAT, $13.50 of data
 * processing and $32.85 of gateway hours; 100,000 files of 10 KiB a day are 3,000,000 PUTs a month, $15.
 */
class CostChecksTest {
    private static final String WRITES = "[{\"table\": \"bronze.clickstream\", \"data_files\": 40000,"
            + " \"files_last_day\": 90000, \"bytes_last_day\": 921600000},"
            + " {\"table\": \"gold.city_hourly_sales\", \"data_files\": 10000, \"files_last_day\": 10000,"
            + " \"bytes_last_day\": 102400000}]";

    @Test
    void anS3WarehouseWithoutAGatewayEndpointPaysTheNatGatewayPerGb() throws Exception {
        List<Finding> found = check(Map.of(AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse"),
                "[{\"table\": \"bronze.orders\", \"data_files\": 10, \"files_last_day\": 10,"
                        + " \"bytes_last_day\": 10000000000}]");

        Finding nat = only(found, "nat-gateway");
        assertThat(nat.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(nat.subject()).isEqualTo("s3://lake/warehouse");
        assertThat(nat.evidence()).isEqualTo("the tables wrote 10.00 GB in the last 24 hours: 300.0 GB a month through"
                + " a NAT gateway = $13.50 of data processing ($0.045 per GB processed) + $32.85 for the gateway's"
                + " hours, before any read (us-east-1 list prices of 2025-01-01)");
        assertThat(nat.fix()).endsWith("then set network.s3-gateway-endpoint=true");

        List<Finding> withEndpoint = check(Map.of(AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse",
                AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT, "true"), WRITES);
        assertThat(withEndpoint).extracting(Finding::check).doesNotContain("nat-gateway");
        assertThat(check(Map.of(), WRITES)).extracting(Finding::check).as("a local warehouse")
                .doesNotContain("nat-gateway");
    }

    @Test
    void smallFilesAreAWarningOnS3AndAPricedNoteOnADisk() throws Exception {
        Finding onS3 = only(check(Map.of(AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse",
                AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT, "true"), WRITES), "s3-requests");
        assertThat(onS3.severity()).isEqualTo(Finding.Severity.WARNING);
        assertThat(onS3.evidence()).isEqualTo("the tables wrote 100,000 data files in the last 24 hours (average"
                + " 10.0 KiB; most in bronze.clickstream, 90,000): 3,000,000 PUT requests a month = $15.00; a full scan"
                + " of their 50,000 files now costs 50,000 GET requests = $0.02 (us-east-1 list prices of 2025-01-01)");
        assertThat(onS3.threshold()).isEqualTo("a warning on s3:// when the average file written is small (< 48.0 MiB)");

        Finding local = only(check(Map.of(), WRITES), "s3-requests");
        assertThat(local.severity()).isEqualTo(Finding.Severity.INFO);
        assertThat(local.evidence()).contains("= $15.00 were the warehouse on S3;");

        Finding large = only(check(Map.of(AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse",
                AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT, "true"), "[{\"table\": \"gold.x\", \"data_files\": 1,"
                + " \"files_last_day\": 10, \"bytes_last_day\": 1000000000}]"), "s3-requests");
        assertThat(large.severity()).as("100 MB files are not small").isEqualTo(Finding.Severity.INFO);
        assertThat(check(Map.of(), "[]")).as("nothing written, nothing to price").isEmpty();
    }

    private static List<Finding> check(Map<String, String> settings, String writes) throws Exception {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        settings.forEach((k, v) -> raw.put(k, new RawValue(v, "test")));
        JsonNode json = Console.JSON.readTree(writes);
        return new CostChecks(AlluviumConfig.of(raw)).check(json);
    }

    private static Finding only(List<Finding> found, String check) {
        List<Finding> matching = found.stream().filter(f -> f.check().equals(check)).toList();
        assertThat(matching).as(found.toString()).hasSize(1);
        return matching.get(0);
    }
}
