package io.alluvium.contract;

/**
 * Why a record is not a valid event of its topic: the reason codes of docs/events.md, which Silver writes to
 * {@code quarantine.<topic>} and the realtime job tallies. Declared in the order a record is checked in
 * ({@link TopicContract#checks()}): when a record breaks several rules, the earliest reason wins — but for the
 * fields of an array's items, which are checked (present, then of their type) as a part of the array's type.
 */
public enum Reason {
    BAD_JSON("bad_json", "the payload is not one JSON object, or names a field twice"),
    MISSING_FIELD("missing_field", "a required field is absent or null"),
    WRONG_TYPE("wrong_type", "a field holds another JSON type than its own"),
    NEGATIVE_AMOUNT("negative_amount", "an amount is below zero"),
    INVALID_VALUE("invalid_value", "a value breaks its field's rule: outside its set, more than 2 decimals, "
            + "below its minimum, no items, or an amount that is not the total of its items");

    private final String code;
    private final String meaning;

    Reason(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The code as written in {@code quarantine.*}, the realtime tallies and the generator's report. */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
