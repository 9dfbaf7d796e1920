package io.alluvium.domain;

/**
 * The medallion layers; each is an Iceberg namespace of the same name. Bronze keeps what arrived,
 * Silver what is valid (typed, deduplicated), Quarantine what is not (with a reason), Gold what is used.
 */
public enum Layer {
    BRONZE("bronze"),
    SILVER("silver"),
    QUARANTINE("quarantine"),
    GOLD("gold");

    private final String namespace;

    Layer(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The table of a topic in this layer. */
    public TableId table(Topic topic) {
        return new TableId(this, topic.topicName());
    }

    public TableId table(String name) {
        return new TableId(this, name);
    }

    @Override
    public String toString() {
        return namespace;
    }
}
