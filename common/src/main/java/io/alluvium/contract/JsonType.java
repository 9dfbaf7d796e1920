package io.alluvium.contract;

/** What a field's value must be in the JSON payload (docs/events.md), else the record is {@code wrong_type}. */
public enum JsonType {
    STRING("string", "a JSON string"),
    /** Of the form of {@link TimestampFormat}. */
    TIMESTAMP("timestamp", "a JSON string with an ISO-8601 instant of the form below"),
    /** A number; that it is a whole number of cents, less than 10^16 in magnitude, is a value rule. */
    MONEY("money", "a JSON number; its value a whole number of cents (below)"),
    INTEGER("integer", "a JSON integer of at most 32 bits"),
    OBJECTS("array of objects", "a JSON array of JSON objects, each with the fields declared for them");

    private final String title;
    private final String meaning;

    JsonType(String title, String meaning) {
        this.title = title;
        this.meaning = meaning;
    }

    /** How docs/events.md names the type. */
    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }
}
