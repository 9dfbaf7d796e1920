package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.contract.Reason;
import io.alluvium.domain.Topic;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2026-11-04T00:00:00Z").toEpochMilli();

    static GeneratorPlan plan(Map<String, String> overrides) {
        return GeneratorPlan.from(AlluviumConfig.defaults().with(overrides, "test"));
    }

    private static final Map<String, String> FAULTY = Map.of(
            "generator.events", "60000", "generator.duplicate-rate", "0.05", "generator.late-rate", "0.04",
            "generator.malformed-rate", "0.05", "generator.schema-v2-at", "0.4");

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        Map<String, String> small = Map.of("generator.events", "20000");
        byte[] first = digest(new EventGenerator(plan(small)).all());
        byte[] again = digest(new EventGenerator(plan(small)).all());
        Map<String, String> otherSeed = new HashMap<>(small);
        otherSeed.put("generator.seed", "43");
        byte[] other = digest(new EventGenerator(plan(otherSeed)).all());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everyRecordIsWhatTheGeneratorSaysItIsAndTheRatesAreAsConfigured() {
        GeneratorPlan plan = plan(FAULTY);
        EventGenerator generator = new EventGenerator(plan);
        for (Topic topic : Topic.values()) {
            Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
            Set<ByteBuffer> earlierValid = new HashSet<>();
            Set<String> eventIds = new HashSet<>();
            long n = 0;
            long duplicates = 0;
            long late = 0;
            long latestTs = START;
            for (Iterator<GeneratedRecord> it = generator.records(topic); it.hasNext(); n++) {
                GeneratedRecord r = it.next();
                ByteBuffer bytes = ByteBuffer.wrap(r.value());
                if (r.duplicate()) {
                    duplicates++;
                    assertThat(earlierValid).as("a duplicate repeats an earlier valid record").contains(bytes);
                    continue;
                }
                Reason reason = ContractCheck.classify(topic, r.value());
                assertThat(reason).as("%s record %s", topic, new String(r.value())).isEqualTo(r.malformed());
                if (reason != null) {
                    byReason.merge(reason, 1L, Long::sum);
                    continue;
                }
                JsonNode event = ContractCheck.parse(r.value());
                assertThat(eventIds.add(event.get("event_id").asText())).as("event_id unique").isTrue();
                assertThat(r.key()).isEqualTo(event.get(topic.keyField()).asText());
                long ts = Instant.parse(event.get("event_ts").asText()).toEpochMilli();
                assertThat(ts).isBetween(START, END - 1);
                boolean behindByHours = ts < latestTs - 3_600_000L;
                assertThat(behindByHours).as("late as claimed: %s", event).isEqualTo(r.late());
                late += behindByHours ? 1 : 0;
                latestTs = Math.max(latestTs, ts);
                assertThat(earlierValid.add(bytes)).isTrue();
            }
            assertThat(n).isEqualTo(plan.records(topic));
            assertThat((double) duplicates / n).as("%s duplicates", topic).isCloseTo(0.05, within(0.006));
            double malformed = byReason.values().stream().mapToLong(Long::longValue).sum();
            assertThat(malformed / (n - duplicates)).as("%s malformed", topic).isCloseTo(0.05, within(0.006));
            assertThat((double) late / (n - duplicates)).as("%s late", topic).isCloseTo(0.04 * 0.95, within(0.008));
            Set<Reason> expectedKinds = topic == Topic.CLICKSTREAM
                    ? Set.of(Reason.BAD_JSON, Reason.MISSING_FIELD, Reason.WRONG_TYPE, Reason.INVALID_VALUE)
                    : Set.of(Reason.values());
            assertThat(byReason.keySet()).as("%s malformed kinds", topic).isEqualTo(expectedKinds);
        }
    }

    @Test
    void aPlanOverSecondsPutsEveryEventInThemAndNoneLate() {
        long start = END + 5_000;
        GeneratorPlan plan = plan(FAULTY).over(start, 10_000);
        long valid = 0;
        for (Iterator<GeneratedRecord> it = new EventGenerator(plan).all(); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            if (!r.valid()) {
                continue;
            }
            valid++;
            long ts = Instant.parse(ContractCheck.parse(r.value()).get("event_ts").asText()).toEpochMilli();
            assertThat(ts).isBetween(start, start + 10_000 - 1);
            assertThat(r.late()).isFalse();
        }
        assertThat(valid).isGreaterThan(plan.totalRecords() * 8 / 10);
    }

    @Test
    void ordersCarryCouponCodeFromTheSwitchPointOnly() {
        GeneratorPlan plan = plan(FAULTY);
        long switchAt = (long) Math.ceil(0.4 * plan.records(Topic.ORDERS));
        long position = 0;
        long v2 = 0;
        for (Iterator<GeneratedRecord> it = new EventGenerator(plan).records(Topic.ORDERS); it.hasNext(); position++) {
            GeneratedRecord r = it.next();
            JsonNode event = ContractCheck.parse(r.value());
            boolean hasCoupon = event != null && event.isObject() && event.has("coupon_code");
            if (position < switchAt) {
                assertThat(hasCoupon).as("v1 before the switch: %s", event).isFalse();
            } else if (r.valid()) {
                assertThat(hasCoupon).as("v2 after the switch: %s", event).isTrue();
            }
            assertThat(r.schemaV2()).isEqualTo(r.valid() && hasCoupon);
            v2 += r.schemaV2() ? 1 : 0;
        }
        assertThat(v2).isGreaterThan(plan.records(Topic.ORDERS) / 2);
    }

    @Test
    void skewedCitiesDominateAndExponentZeroIsUniform() {
        assertThat(topCityShare("1.1")).isGreaterThan(0.15);
        assertThat(topCityShare("0")).isLessThan(0.06);
    }

    private static double topCityShare(String exponent) {
        Map<String, Long> perCity = new HashMap<>();
        long n = 0;
        Iterator<GeneratedRecord> it = new EventGenerator(plan(Map.of("generator.events", "50000",
                "generator.zipf-exponent", exponent, "generator.malformed-rate", "0"))).records(Topic.CLICKSTREAM);
        while (it.hasNext()) {
            perCity.merge(ContractCheck.parse(it.next().value()).get("city").asText(), 1L, Long::sum);
            n++;
        }
        return (double) perCity.values().stream().mapToLong(Long::longValue).max().orElseThrow() / n;
    }

    private static byte[] digest(Iterator<GeneratedRecord> records) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        while (records.hasNext()) {
            GeneratedRecord r = records.next();
            md.update(r.topic().topicName().getBytes());
            md.update(r.key().getBytes());
            md.update(r.value());
        }
        return md.digest();
    }
}
