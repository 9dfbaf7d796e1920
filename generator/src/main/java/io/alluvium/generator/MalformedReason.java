package io.alluvium.generator;

/** The kinds of malformed record of docs/events.md, named as Silver's quarantine reason codes. */
public enum MalformedReason {
    BAD_JSON("bad_json"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    NEGATIVE_AMOUNT("negative_amount"),
    INVALID_VALUE("invalid_value");

    private final String code;

    MalformedReason(String code) {
        this.code = code;
    }

    /** The reason code as written in reports and in {@code quarantine.*}. */
    public String code() {
        return code;
    }
}
