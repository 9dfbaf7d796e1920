package io.alluvium.contract;

import java.math.BigDecimal;
import java.util.List;

/**
 * One field of an event, declared once: its name, JSON type, whether it must be there, the rules its value
 * follows and what it holds (docs/events.md). Declared with {@link #required} or {@link #optional} and the
 * methods below, each returning the field with one more rule; a rule breaks with the reason its
 * {@link Rule} names. Where a rule applies is checked when the topic's contract is made ({@link TopicContract}).
 *
 * @param requiredWhen when not null, the field is required while that condition holds, else optional
 * @param oneOf        when not empty, the closed set of the values of a string
 * @param nonNegative  an amount below zero is {@code negative_amount} ({@link #notNegative})
 * @param atLeast      when not null, the least value of a number
 * @param nonEmpty     an array needs at least one element ({@link #notEmpty})
 * @param totalOf      when not null, the items whose sum of quantity × price this amount must equal
 * @param items        the fields of each element of an array of objects; empty for any other type
 * @param doc          what the field holds, beyond its rules (an example, its origin); may be empty
 */
public record Field(String name, JsonType type, boolean required, Condition requiredWhen, List<String> oneOf,
                    boolean nonNegative, BigDecimal atLeast, boolean nonEmpty, Total totalOf, List<Field> items,
                    String doc) {

    /** The field is required while {@code field} is a string among {@code values}. */
    public record Condition(String field, List<String> values) {
    }

    /** This amount equals the sum, over the elements of array {@code items}, of {@code quantity} × {@code price}. */
    public record Total(String items, String quantity, String price) {
    }

    public Field {
        oneOf = List.copyOf(oneOf);
        items = List.copyOf(items);
    }

    /** A field that must be present and not null: else {@code missing_field}. */
    public static Field required(String name, JsonType type) {
        return new Field(name, type, true, null, List.of(), false, null, false, null, List.of(), "");
    }

    /** A field that may be absent or null. */
    public static Field optional(String name, JsonType type) {
        return new Field(name, type, false, null, List.of(), false, null, false, null, List.of(), "");
    }

    public Field requiredWhen(String field, String... values) {
        return new Field(name, type, false, new Condition(field, List.of(values)), oneOf, nonNegative, atLeast,
                nonEmpty, totalOf, items, doc);
    }

    public Field oneOf(String... values) {
        return new Field(name, type, required, requiredWhen, List.of(values), nonNegative, atLeast, nonEmpty,
                totalOf, items, doc);
    }

    public Field notNegative() {
        return new Field(name, type, required, requiredWhen, oneOf, true, atLeast, nonEmpty, totalOf, items, doc);
    }

    public Field atLeast(long min) {
        return new Field(name, type, required, requiredWhen, oneOf, nonNegative, BigDecimal.valueOf(min), nonEmpty,
                totalOf, items, doc);
    }

    public Field notEmpty() {
        return new Field(name, type, required, requiredWhen, oneOf, nonNegative, atLeast, true, totalOf, items, doc);
    }

    public Field totalOf(String items, String quantity, String price) {
        return new Field(name, type, required, requiredWhen, oneOf, nonNegative, atLeast, nonEmpty,
                new Total(items, quantity, price), this.items, doc);
    }

    /** The fields of each element of this array of objects. */
    public Field withItems(Field... fields) {
        return new Field(name, type, required, requiredWhen, oneOf, nonNegative, atLeast, nonEmpty, totalOf,
                List.of(fields), doc);
    }

    public Field doc(String text) {
        return new Field(name, type, required, requiredWhen, oneOf, nonNegative, atLeast, nonEmpty, totalOf, items,
                text);
    }

    /** The declared field of each element named {@code name}. */
    public Field item(String name) {
        return items.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this.name + " has no item field " + name));
    }
}
