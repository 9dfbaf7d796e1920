package io.alluvium.contract;

/**
 * The kinds of check a topic's contract makes of a record, each with the reason a record that fails it is
 * rejected with. Each engine interprets every kind (Silver as a SQL condition, the realtime job as a test of
 * the parsed payload): a new kind fails to compile in both until both interpret it.
 */
public enum Rule {
    /** The payload is one JSON object that names no field twice. */
    JSON_OBJECT(Reason.BAD_JSON),
    /** The field is present and not null: a required field, or a conditionally required one whose condition holds. */
    PRESENT(Reason.MISSING_FIELD),
    /** The field, when present, has its JSON type. */
    TYPE(Reason.WRONG_TYPE),
    /** Every element of an array of objects is a JSON object. */
    ELEMENTS_ARE_OBJECTS(Reason.WRONG_TYPE),
    /** An amount, when present, is not below zero. */
    NOT_NEGATIVE(Reason.NEGATIVE_AMOUNT),
    /** A string, when present, is one of its set of values. */
    ONE_OF(Reason.INVALID_VALUE),
    /** Money, when present, is a whole number of cents less than 10^16 in magnitude: Silver's decimal(18,2). */
    WHOLE_CENTS(Reason.INVALID_VALUE),
    /** An array, when present, has an element. */
    NOT_EMPTY(Reason.INVALID_VALUE),
    /** A number, when present, is at least its field's minimum. */
    AT_LEAST(Reason.INVALID_VALUE),
    /** An amount equals the sum of quantity × price over its items. */
    TOTAL(Reason.INVALID_VALUE);

    private final Reason reason;

    Rule(Reason reason) {
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
