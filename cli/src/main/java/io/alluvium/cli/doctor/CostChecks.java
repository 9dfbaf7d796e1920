package io.alluvium.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.architect.PriceTable;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.doctor.Finding;
import io.alluvium.doctor.Finding.Severity;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ObjectStoreAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The doctor's cost traps (docs/doctor.md#cost), priced with the architect's list prices: a warehouse on S3 reached
 * through a NAT gateway, and the S3 requests the tables' current file-writing rate makes. The rates are what the
 * tables' snapshots of the last 24 hours wrote, as the Spark side of the doctor measures them.
 */
final class CostChecks {
    /** The region whose list prices are used; the architect ships its price table. */
    static final String REGION = "us-east-1";
    static final double DAYS_PER_MONTH = 30;
    private static final double GB = 1e9;

    private final AlluviumConfig config;
    private final PriceTable prices = PriceTable.forRegion(REGION);

    CostChecks(AlluviumConfig config) {
        this.config = config;
    }

    /** @param writes the Spark doctor's {@code writes}: per table {@code data_files, files_last_day, bytes_last_day} */
    List<Finding> check(JsonNode writes) {
        long files = 0;
        long bytes = 0;
        long current = 0;
        String busiest = "";
        long busiestFiles = -1;
        for (JsonNode w : writes) {
            files += w.path("files_last_day").asLong();
            bytes += w.path("bytes_last_day").asLong();
            current += w.path("data_files").asLong();
            if (w.path("files_last_day").asLong() > busiestFiles) {
                busiestFiles = w.path("files_last_day").asLong();
                busiest = w.path("table").asText();
            }
        }
        List<Finding> findings = new ArrayList<>();
        // AWS S3 itself: an S3-compatible store at an endpoint (the embedded one included) bills neither
        String warehouse = CatalogProperties.warehouse(config);
        boolean onS3 = ObjectStoreAccess.onS3(warehouse) && ObjectStoreAccess.of(config).endpoint().isEmpty();
        if (onS3 && !config.getBoolean(AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT)) {
            findings.add(natGateway(warehouse, bytes));
        }
        if (files > 0) {
            findings.add(requests(onS3, files, bytes, current, busiest, busiestFiles));
        }
        return findings;
    }

    private Finding natGateway(String warehouse, long bytesPerDay) {
        PriceTable.Price data = prices.get("nat_gateway_data");
        PriceTable.Price hour = prices.get("nat_gateway_hour");
        double gbPerMonth = bytesPerDay * DAYS_PER_MONTH / GB;
        return new Finding(Severity.WARNING, "nat-gateway", warehouse,
                String.format(Locale.ROOT, "the tables wrote %.2f GB in the last 24 hours: %.1f GB a month through a"
                                + " NAT gateway = %s of data processing (%s) + %s for the gateway's hours, before any"
                                + " read (%s list prices of %s)", bytesPerDay / GB, gbPerMonth,
                        usd(data.charge(gbPerMonth)), data.label(), usd(hour.charge(prices.hoursPerMonth())),
                        REGION, data.asOf()),
                "a warehouse on s3:// without " + AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT + "=true",
                "from a private subnet, S3 traffic without a gateway endpoint goes through a NAT gateway that bills"
                        + " every GB; the gateway endpoint carries it for free",
                "add an S3 gateway endpoint to the VPC's route tables, then set "
                        + AlluviumSettings.NETWORK_S3_GATEWAY_ENDPOINT + "=true");
    }

    private Finding requests(boolean onS3, long files, long bytes, long current, String busiest, long busiestFiles) {
        PriceTable.Price put = prices.get("s3_put");
        PriceTable.Price get = prices.get("s3_get");
        long average = bytes / files;
        long small = (long) (config.getMemory(AlluviumSettings.MAINTENANCE_TARGET_FILE_SIZE).bytes()
                * config.getDouble(AlluviumSettings.MAINTENANCE_SMALL_FILE_SHARE));
        boolean smallFiles = average < small;
        double putsPerMonth = files * DAYS_PER_MONTH;
        return new Finding(onS3 && smallFiles ? Severity.WARNING : Severity.INFO, "s3-requests", "warehouse",
                String.format(Locale.ROOT, "the tables wrote %,d data files in the last 24 hours (average %s; most"
                                + " in %s, %,d): %,.0f PUT requests a month = %s%s; a full scan of their %,d files"
                                + " now costs %,d GET requests = %s (%s list prices of %s)", files, Units.size(average),
                        busiest, busiestFiles, putsPerMonth, usd(put.charge(putsPerMonth)),
                        onS3 ? "" : " were the warehouse on S3", current, current, usd(get.charge(current)), REGION,
                        put.asOf()),
                String.format(Locale.ROOT, "a warning on s3:// when the average file written is small (< %s)",
                        Units.size(small)),
                "S3 bills per request, not per byte: small files multiply the PUTs of every write and the GETs of"
                        + " every scan",
                "raise landing.checkpoint-interval (fewer, larger commits) and keep compaction on"
                        + " (landing.maintenance, alluvium maintain)");
    }

    private static String usd(double dollars) {
        return dollars >= 100 ? String.format(Locale.ROOT, "$%,.0f", dollars)
                : String.format(Locale.ROOT, "$%,.4f", dollars).replaceAll("0{1,2}$", "");
    }
}
