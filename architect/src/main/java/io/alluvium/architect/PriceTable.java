package io.alluvium.architect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dated list prices of one region, read from {@code prices-<region>.yaml} shipped with the project.
 * Exists so that prices are data a reviewer can check against the AWS page each one cites, not numbers
 * buried in code.
 */
public final class PriceTable {
    /** Regions that ship a price table; add one by adding its YAML file and its name here. */
    static final List<String> AVAILABLE = List.of("us-east-1");

    private static final Map<String, PriceTable> LOADED = new ConcurrentHashMap<>();

    private final String region;
    private final double hoursPerMonth;
    private final Map<String, Price> prices;

    /** A volume band of a tiered price: {@code usd} per unit up to {@code upTo} units (infinite for the last). */
    public record Tier(double upTo, double usd) {
    }

    /** One price: usd per {@code per} units of {@code unit}, the day it is known to hold on, and its source page. */
    public record Price(String id, String service, String description, double usd, double per, String unit,
                        List<Tier> tiers, double freePerMonth, LocalDate asOf, String source) {
        /** The charge for a quantity in {@code unit}s per month, after the free allowance and tiers. */
        public double charge(double quantity) {
            double billable = Math.max(0, quantity - freePerMonth);
            if (tiers.isEmpty()) {
                return billable / per * usd;
            }
            double total = 0;
            double lower = 0;
            for (Tier t : tiers) {
                double inBand = Math.max(0, Math.min(billable, t.upTo()) - lower);
                total += inBand / per * t.usd();
                lower = t.upTo();
            }
            return total;
        }

        /** "$0.005 per 1,000 requests". */
        public String label() {
            return Quantities.usdPrice(usd) + " per " + (per == 1 ? "" : Quantities.number(per) + " ") + unit
                    + (tiers.isEmpty() ? "" : " (tiered)") + (freePerMonth > 0 ? " after " + Quantities.number(freePerMonth) + " free" : "");
        }
    }

    private PriceTable(String region, double hoursPerMonth, Map<String, Price> prices) {
        this.region = region;
        this.hoursPerMonth = hoursPerMonth;
        this.prices = prices;
    }

    static boolean available(String region) {
        return AVAILABLE.contains(region);
    }

    public static PriceTable forRegion(String region) {
        return LOADED.computeIfAbsent(region, PriceTable::load);
    }

    private static PriceTable load(String region) {
        String resource = "prices-" + region + ".yaml";
        try (InputStream in = PriceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing price table resource " + resource);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Price> prices = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.get("prices").properties()) {
                prices.put(e.getKey(), price(resource, e.getKey(), e.getValue()));
            }
            return new PriceTable(region, root.get("hours_per_month").asDouble(), prices);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Price price(String resource, String id, JsonNode n) {
        for (String required : List.of("service", "description", "usd", "per", "unit", "as_of", "source")) {
            if (!n.hasNonNull(required)) {
                throw new IllegalStateException(resource + ": price " + id + " has no " + required);
            }
        }
        List<Tier> tiers = new ArrayList<>();
        if (n.has("tiers")) {
            for (JsonNode t : n.get("tiers")) {
                tiers.add(new Tier(t.has("up_to") ? t.get("up_to").asDouble() : Double.POSITIVE_INFINITY, t.get("usd").asDouble()));
            }
        }
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(n.get("as_of").asText());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(resource + ": price " + id + " has as_of \"" + n.get("as_of").asText() + "\", not a date (YYYY-MM-DD)", e);
        }
        return new Price(id, n.get("service").asText(), n.get("description").asText(), n.get("usd").asDouble(),
                n.get("per").asDouble(), n.get("unit").asText(), List.copyOf(tiers),
                n.path("free_per_month").asDouble(0), asOf, n.get("source").asText());
    }

    public String region() {
        return region;
    }

    public double hoursPerMonth() {
        return hoursPerMonth;
    }

    public Price get(String id) {
        Price p = prices.get(id);
        if (p == null) {
            throw new IllegalStateException("price table " + region + " has no price " + id);
        }
        return p;
    }

    public Map<String, Price> all() {
        return prices;
    }
}
