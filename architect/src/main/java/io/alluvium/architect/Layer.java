package io.alluvium.architect;

/**
 * The layers of the seed's design framework (step 2), plus the network that every layer crosses.
 * Exists so that service choices and cost lines are grouped the same way everywhere.
 */
public enum Layer {
    INGESTION("Ingestion"),
    STORAGE("Storage (bronze/silver/gold)"),
    PROCESSING("Processing"),
    SERVING("Serving"),
    ORCHESTRATION("Orchestration"),
    GOVERNANCE("Governance"),
    NETWORK("Network");

    private final String title;

    Layer(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The stable name used in JSON output. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
