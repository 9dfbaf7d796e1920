package io.alluvium.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.domain.City;
import io.alluvium.domain.FraudRule;
import io.alluvium.domain.Topic;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generator's fraud guarantees, checked on its records without Kafka: every planted case is sent
 * valid and on time as its report entry says, and the background payments (every user that is not a
 * planted case's) stay under each rule's threshold, even with tight thresholds and many faults.
 */
class PlantedFraudTest {
    private static final Map<String, String> TIGHT = Map.of(
            "generator.events", "60000", "generator.fraud-rate", "0.01", "generator.duplicate-rate", "0.05",
            "generator.late-rate", "0.04", "generator.malformed-rate", "0.05",
            "realtime.fraud.velocity-payments", "2", "realtime.fraud.velocity-window", "10m",
            "realtime.fraud.amount-factor", "1.5", "realtime.fraud.declines-before-approval", "1");

    /** The valid payments of a run, in sending order, the cases it planted, and each order's country. */
    private record Run(List<JsonNode> payments, List<PlantedFraud> planted, Map<String, String> orderCountry) {
    }

    private static Run run(Map<String, String> settings) {
        EventGenerator generator = new EventGenerator(EventGeneratorTest.plan(settings));
        List<JsonNode> payments = new ArrayList<>();
        List<PlantedFraud> planted = new ArrayList<>();
        for (Iterator<GeneratedRecord> it = generator.records(Topic.PAYMENTS); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            if (r.valid()) {
                payments.add(ContractCheck.parse(r.value()));
            }
            if (r.triggers() != null) {
                assertThat(r.valid() && !r.late()).as("a trigger is sent valid and on time").isTrue();
                planted.add(r.triggers());
            }
        }
        Map<String, String> orderCountry = new HashMap<>();
        for (Iterator<GeneratedRecord> it = generator.records(Topic.ORDERS); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            if (r.valid()) {
                JsonNode order = ContractCheck.parse(r.value());
                orderCountry.put(order.get("order_id").asText(),
                        City.countryOf(order.get("city").asText()).orElseThrow());
            }
        }
        return new Run(payments, planted, orderCountry);
    }

    @Test
    void everyRuleIsPlantedInTurnAndEachCaseIsSentAsItsReportSays() {
        Run run = run(Map.of("generator.events", "30000", "generator.fraud-rate", "0.01"));

        Map<FraudRule, Integer> perRule = new EnumMap<>(FraudRule.class);
        run.planted().forEach(p -> perRule.merge(p.rule(), 1, Integer::sum));
        assertThat(perRule.keySet()).containsExactlyInAnyOrder(FraudRule.values());
        assertThat(perRule.values()).allMatch(n -> n >= 5);
        Map<String, JsonNode> byId = new HashMap<>();
        run.payments().forEach(p -> byId.put(p.get("event_id").asText(), p));
        for (PlantedFraud p : run.planted()) {
            JsonNode trigger = byId.get(p.triggerEventId());
            assertThat(trigger).as(p.alertId()).isNotNull();
            assertThat(trigger.get("user_id").asText()).isEqualTo(p.userId());
            assertThat(trigger.get("card_fingerprint").asText()).isEqualTo(p.cardFingerprint());
            assertThat(Instant.parse(trigger.get("event_ts").asText())).isEqualTo(p.eventTs());
            assertThat(p.eventIds()).contains(p.triggerEventId());
            String home = run.orderCountry().get(trigger.get("order_id").asText());
            assertThat(trigger.get("ip_country").asText().equals(home))
                    .as("%s: ip %s, order's country %s", p.alertId(), trigger.get("ip_country"), home)
                    .isEqualTo(p.rule() != FraudRule.IP_COUNTRY_MISMATCH);
        }
    }

    @Test
    void backgroundPaymentsStayUnderEveryThreshold() {
        Run run = run(TIGHT);
        Set<String> plantedUsers = new HashSet<>();
        run.planted().forEach(p -> plantedUsers.add(p.userId()));
        assertThat(plantedUsers).hasSizeGreaterThan(20);
        Map<String, List<JsonNode>> byCard = new HashMap<>();
        Map<String, List<BigDecimal>> amountsByUser = new HashMap<>();
        long withOrder = 0;
        for (JsonNode p : run.payments()) {
            String user = p.get("user_id").asText();
            if (plantedUsers.contains(user)) {
                continue;
            }
            String orderCountry = run.orderCountry().get(p.get("order_id").asText());
            if (orderCountry != null) {
                withOrder++;
                assertThat(p.get("ip_country").asText()).as("ip of %s", p).isEqualTo(orderCountry);
            }
            byCard.computeIfAbsent(p.get("card_fingerprint").asText(), c -> new ArrayList<>()).add(p);
            amountsByUser.computeIfAbsent(user, u -> new ArrayList<>()).add(p.get("amount").decimalValue());
        }
        assertThat(withOrder).isGreaterThan(9_000);
        for (List<BigDecimal> amounts : amountsByUser.values()) {
            BigDecimal min = amounts.stream().min(Comparator.naturalOrder()).orElseThrow();
            BigDecimal max = amounts.stream().max(Comparator.naturalOrder()).orElseThrow();
            assertThat(max).as("a user's amounts stay within the factor")
                    .isLessThan(min.multiply(new BigDecimal("1.5")));
        }
        for (List<JsonNode> card : byCard.values()) {
            card.sort(Comparator.comparing(p -> Instant.parse(p.get("event_ts").asText())));
            int declinesInARow = 0;
            for (int i = 0; i < card.size(); i++) {
                Instant ts = Instant.parse(card.get(i).get("event_ts").asText());
                long inWindow = card.subList(0, i + 1).stream()
                        .filter(p -> Instant.parse(p.get("event_ts").asText()).isAfter(ts.minusSeconds(600))).count();
                assertThat(inWindow).as("payments of a card within the window").isLessThanOrEqualTo(2);
                boolean declined = card.get(i).get("status").asText().equals("declined");
                assertThat(declined || declinesInARow < 1).as("an approval after a decline on one card").isTrue();
                declinesInARow = declined ? declinesInARow + 1 : 0;
            }
        }
    }
}
