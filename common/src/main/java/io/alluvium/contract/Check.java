package io.alluvium.contract;

/**
 * One check of a topic's contract: a rule applied to a field, or to a field of every element of an array of
 * objects ({@code item}, else null). {@link TopicContract#checks()} lists them in the order both engines apply
 * them; the first one a record fails gives its reason.
 *
 * @param field the top-level field; null for {@link Rule#JSON_OBJECT}, which checks the whole payload
 */
public record Check(Rule rule, Field field, Field item) {

    public Reason reason() {
        return rule.reason();
    }

    /** The field whose value the rule reads: the item's field, or the top-level field. */
    public Field target() {
        return item != null ? item : field;
    }

    /** Where the checked value is: {@code amount}, {@code items[].qty}; {@code payload} for the whole payload. */
    public String path() {
        if (field == null) {
            return "payload";
        }
        return item != null ? field.name() + "[]." + item.name() : field.name();
    }

    @Override
    public String toString() {
        return field == null ? rule.toString() : rule + " " + path();
    }
}
