package io.alluvium.architect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --explain <service>} prints: for each AWS service the architect may choose, what it is for,
 * when to choose it, when not, its traps, the engine Alluvium runs for it, and its prices from the table.
 * Exists as data ({@code services.yaml}) so that the explanations are reviewed like the prices.
 */
public final class ServiceCatalog {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final JsonNode services;

    private ServiceCatalog(JsonNode services) {
        this.services = services;
    }

    public static ServiceCatalog load() {
        try (InputStream in = ServiceCatalog.class.getResourceAsStream("services.yaml")) {
            return new ServiceCatalog(YAML.readTree(in).get("services"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        services.fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** The entry for a service id or one of its aliases, case-insensitive. */
    JsonNode find(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (services.has(key)) {
            return services.get(key);
        }
        for (String id : ids()) {
            for (JsonNode alias : services.get(id).path("aliases")) {
                if (alias.asText().equalsIgnoreCase(key)) {
                    return services.get(id);
                }
            }
        }
        throw new InvalidInputException("--explain", 0, "service", "unknown service \"" + name + "\" (known: " + String.join(", ", ids()) + ")");
    }

    public String markdown(String name, PriceTable prices) {
        JsonNode s = find(name);
        StringBuilder out = new StringBuilder("# " + s.get("name").asText() + "\n\n");
        out.append("- Layer: ").append(s.get("layer").asText()).append('\n');
        out.append("- Runs locally in Alluvium as: ").append(s.get("engine").asText()).append('\n');
        out.append("- What it is for: ").append(s.get("what").asText()).append('\n');
        out.append("- Choose it when: ").append(s.get("choose_when").asText()).append('\n');
        out.append("- Avoid it when: ").append(s.get("avoid_when").asText()).append('\n');
        out.append("- Traps: ").append(s.get("traps").asText()).append('\n');
        out.append("- Alternatives: ").append(s.get("alternatives").asText()).append('\n');
        if (s.path("prices").size() > 0) {
            out.append("\nPrices (").append(prices.region()).append(", list prices to verify):\n\n");
            for (JsonNode id : s.get("prices")) {
                PriceTable.Price p = prices.get(id.asText());
                out.append("- ").append(p.description()).append(": ").append(p.label()).append(" (").append(p.asOf()).append(", ")
                        .append(p.source()).append(")\n");
            }
        }
        return out.toString();
    }

    public String json(String name, PriceTable prices) {
        ObjectNode n = ((ObjectNode) find(name)).deepCopy();
        ObjectNode resolved = n.putObject("price_details");
        for (JsonNode id : n.path("prices")) {
            PriceTable.Price p = prices.get(id.asText());
            resolved.putObject(p.id()).put("usd", p.usd()).put("per", p.per()).put("unit", p.unit()).put("as_of", p.asOf().toString()).put("source", p.source());
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
