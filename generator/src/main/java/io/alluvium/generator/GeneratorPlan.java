package io.alluvium.generator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.config.ConfigException;
import io.alluvium.domain.FraudThresholds;
import io.alluvium.domain.Topic;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything one generator run is decided by, read once from the {@code generator.*} settings: the same
 * plan always yields the same records. Splits the run's events over the topics (clickstream 60%,
 * orders 20%, payments 20%) and fixes the event-time window the stream spans. {@code run} is the run's
 * ordinal in its data directory (1 for the first): a second run with the same seed sends new events with
 * ids of their own (as a producer that keeps producing would), not the first run again, which Silver
 * would rightly drop as duplicates, in the days after the previous run's (a stream's time moves on: the
 * realtime job's watermark would make a rerun of the same days too late). The same seed and run ordinal always give the same bytes.
 * {@code fraud} are the realtime job's fraud thresholds: planted cases go just over them, the background
 * stays under them.
 */
public record GeneratorPlan(long seed, Map<Topic, Long> recordsPerTopic, double duplicateRate, double lateRate,
                            double malformedRate, double zipfExponent, double schemaV2At, long rate,
                            double burstFactor, long startMillis, long spanMillis, long run, double fraudRate,
                            FraudThresholds fraud) {

    public GeneratorPlan {
        recordsPerTopic = Map.copyOf(recordsPerTopic);
    }

    public static GeneratorPlan from(AlluviumConfig config) {
        long events = config.getLong(AlluviumSettings.GENERATOR_EVENTS);
        long clicks = Math.round(events * 0.6);
        long orders = Math.round(events * 0.2);
        Map<Topic, Long> perTopic = new EnumMap<>(Topic.class);
        perTopic.put(Topic.CLICKSTREAM, clicks);
        perTopic.put(Topic.ORDERS, orders);
        perTopic.put(Topic.PAYMENTS, events - clicks - orders);
        long run = SendReports.all(DataDir.of(config)).size() + 1L;
        // run n continues the stream's time where run n-1 ended, as a producer that keeps producing would
        long span = Duration.ofDays(config.getInt(AlluviumSettings.GENERATOR_DAYS)).toMillis();
        return new GeneratorPlan(
                config.getLong(AlluviumSettings.GENERATOR_SEED),
                perTopic,
                config.getDouble(AlluviumSettings.GENERATOR_DUPLICATE_RATE),
                config.getDouble(AlluviumSettings.GENERATOR_LATE_RATE),
                config.getDouble(AlluviumSettings.GENERATOR_MALFORMED_RATE),
                config.getDouble(AlluviumSettings.GENERATOR_ZIPF_EXPONENT),
                config.getDouble(AlluviumSettings.GENERATOR_SCHEMA_V2_AT),
                config.getLong(AlluviumSettings.GENERATOR_RATE),
                config.getDouble(AlluviumSettings.GENERATOR_BURST_FACTOR),
                startOf(config.getString(AlluviumSettings.GENERATOR_START_DATE)) + (run - 1) * span,
                span,
                run,
                config.getDouble(AlluviumSettings.GENERATOR_FRAUD_RATE),
                FraudThresholds.of(config));
    }

    private static long startOf(String date) {
        try {
            return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConfigException(AlluviumSettings.GENERATOR_START_DATE, "settings",
                    "expected an ISO date such as 2026-11-01, got \"" + date + "\"");
        }
    }

    /**
     * The same run over another stretch of event time, {@code spanMillis} from {@code startMillis}: a live
     * load whose events carry about the times they are sent at (the realtime bench's steps, each continuing
     * the stream where the one before ended), where the plan's own span is days of history sent at once.
     */
    public GeneratorPlan over(long startMillis, long spanMillis) {
        return new GeneratorPlan(seed, recordsPerTopic, duplicateRate, lateRate, malformedRate, zipfExponent,
                schemaV2At, rate, burstFactor, startMillis, spanMillis, run, fraudRate, fraud);
    }

    public long records(Topic topic) {
        return recordsPerTopic.getOrDefault(topic, 0L);
    }

    /** The length of one time slot of a topic's stream: its records spread evenly over the span, one per slot. */
    double slotMillis(Topic topic) {
        long records = records(topic);
        return records == 0 ? 0 : (double) spanMillis / records;
    }

    /** Where the time slot of the record at this position of a topic's stream starts. */
    long slotStart(Topic topic, long position) {
        return startMillis + (long) (position * slotMillis(topic));
    }

    public long totalRecords() {
        return recordsPerTopic.values().stream().mapToLong(Long::longValue).sum();
    }
}
