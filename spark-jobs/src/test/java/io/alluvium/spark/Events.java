package io.alluvium.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON payloads per docs/events.md, and the ways the generator breaks them. */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    static Map<String, Object> click(String id, String type, String user, String session, String product,
                                     String city, String device, String ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", id);
        e.put("event_type", type);
        e.put("user_id", user);
        e.put("session_id", session);
        e.put("product_id", product);
        e.put("city", city);
        e.put("device", device);
        e.put("event_ts", ts);
        return e;
    }

    static Map<String, Object> order(String id, String order, String user, String city, List<Map<String, Object>> items,
                                     String amount, String status, String ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", id);
        e.put("order_id", order);
        e.put("user_id", user);
        e.put("city", city);
        e.put("items", items);
        e.put("amount", new BigDecimal(amount));
        e.put("currency", "EUR");
        e.put("status", status);
        e.put("event_ts", ts);
        return e;
    }

    static Map<String, Object> item(String product, Object qty, String unitPrice) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("product_id", product);
        i.put("qty", qty);
        i.put("unit_price", new BigDecimal(unitPrice));
        return i;
    }

    static Map<String, Object> payment(String id, String payment, String order, String user, String amount,
                                       String status, String country, String ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", id);
        e.put("payment_id", payment);
        e.put("order_id", order);
        e.put("user_id", user);
        e.put("card_fingerprint", "fp-" + user);
        e.put("amount", new BigDecimal(amount));
        e.put("currency", "EUR");
        e.put("status", status);
        e.put("ip_country", country);
        e.put("event_ts", ts);
        return e;
    }

    /** A copy with one field changed (a value of the wrong type, a bad enum, a negative amount). */
    static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(event);
        e.put(field, value);
        return e;
    }

    static Map<String, Object> without(Map<String, Object> event, String field) {
        Map<String, Object> e = new LinkedHashMap<>(event);
        e.remove(field);
        return e;
    }

    static String json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
