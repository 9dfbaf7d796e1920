package io.alluvium.contract;

import io.alluvium.domain.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The contract of one topic's events: its fields in order ({@link EventContracts} declares them) and the checks
 * they make of a record, in the order that decides which reason wins when a record breaks several rules
 * (docs/events.md). Silver's classifier and the realtime job's validation both apply {@link #checks()} as listed,
 * so they reject the same records with the same reasons.
 *
 * <p>A declaration that puts a rule where it cannot apply (a set of values on a number, a total of items that do
 * not exist) is a programming error, refused here, when the class holding it loads.
 */
public final class TopicContract {
    private final Topic topic;
    private final List<Field> fields;
    private final List<Check> checks;

    public TopicContract(Topic topic, Field... fields) {
        this.topic = topic;
        this.fields = List.of(fields);
        requireUniqueNames(this.fields);
        for (Field f : this.fields) {
            requireApplicableRules(f);
            requireValidCondition(f);
            requireValidTotal(f);
            requireUniqueNames(f.items());
            for (Field item : f.items()) {
                requireApplicableRules(item);
                require(item.items().isEmpty() && item.requiredWhen() == null && item.totalOf() == null
                        && !item.nonNegative(), f.name() + "[]." + item.name() + ": an item's field is flat, without "
                        + "condition, total or negative_amount (a price is at least 0)");
            }
        }
        this.checks = inOrder(this.fields);
    }

    public Topic topic() {
        return topic;
    }

    public List<Field> fields() {
        return fields;
    }

    public Field field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " has no field " + name));
    }

    /**
     * Every check of a record, in order: the payload is a JSON object; each required field is present; each
     * present field has its type (an array of objects: each element an object, then each element's required
     * fields present, then each of its fields of its type); no amount is negative; each value follows its
     * field's rules, the items' after their array's; an amount equals the total of its items.
     */
    public List<Check> checks() {
        return checks;
    }

    private static List<Check> inOrder(List<Field> fields) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check(Rule.JSON_OBJECT, null, null));
        for (Field f : fields) {
            if (f.required() || f.requiredWhen() != null) {
                checks.add(new Check(Rule.PRESENT, f, null));
            }
        }
        for (Field f : fields) {
            checks.add(new Check(Rule.TYPE, f, null));
            if (f.type() == JsonType.OBJECTS) {
                checks.add(new Check(Rule.ELEMENTS_ARE_OBJECTS, f, null));
                f.items().stream().filter(Field::required)
                        .forEach(item -> checks.add(new Check(Rule.PRESENT, f, item)));
                f.items().forEach(item -> checks.add(new Check(Rule.TYPE, f, item)));
            }
        }
        for (Field f : fields) {
            if (f.nonNegative()) {
                checks.add(new Check(Rule.NOT_NEGATIVE, f, null));
            }
        }
        for (Field f : fields) {
            addValueChecks(checks, f, null);
            f.items().forEach(item -> addValueChecks(checks, f, item));
        }
        for (Field f : fields) {
            if (f.totalOf() != null) {
                checks.add(new Check(Rule.TOTAL, f, null));
            }
        }
        return List.copyOf(checks);
    }

    private static void addValueChecks(List<Check> checks, Field field, Field item) {
        Field target = item != null ? item : field;
        if (!target.oneOf().isEmpty()) {
            checks.add(new Check(Rule.ONE_OF, field, item));
        }
        if (target.type() == JsonType.MONEY) {
            checks.add(new Check(Rule.WHOLE_CENTS, field, item));
        }
        if (target.nonEmpty()) {
            checks.add(new Check(Rule.NOT_EMPTY, field, item));
        }
        if (target.atLeast() != null) {
            checks.add(new Check(Rule.AT_LEAST, field, item));
        }
    }

    private void requireUniqueNames(List<Field> declared) {
        Set<String> names = new HashSet<>();
        declared.forEach(f -> require(names.add(f.name()), f.name() + " is declared twice"));
    }

    private void requireApplicableRules(Field f) {
        require(f.oneOf().isEmpty() || f.type() == JsonType.STRING, f.name() + ": a set of values is for a string");
        require(!f.nonNegative() || f.type() == JsonType.MONEY, f.name() + ": only money is negative_amount");
        require(f.atLeast() == null || f.type() == JsonType.INTEGER || f.type() == JsonType.MONEY,
                f.name() + ": a minimum is for a number");
        require(!f.nonEmpty() || f.type() == JsonType.OBJECTS, f.name() + ": only an array is empty");
        require(f.items().isEmpty() != (f.type() == JsonType.OBJECTS), f.name() + ": an array of objects, and only "
                + "one, declares the fields of its elements");
    }

    /** The condition of a conditionally required field names a string of the topic among whose values it picks. */
    private void requireValidCondition(Field f) {
        if (f.requiredWhen() == null) {
            return;
        }
        Field on = field(f.requiredWhen().field());
        require(on.oneOf().containsAll(f.requiredWhen().values()),
                f.name() + ": required when " + on.name() + " is one of its values " + on.oneOf());
    }

    /** An amount totals an array of objects of the topic, by an integer quantity and a money price of its items. */
    private void requireValidTotal(Field f) {
        if (f.totalOf() == null) {
            return;
        }
        Field items = field(f.totalOf().items());
        require(f.type() == JsonType.MONEY && items.type() == JsonType.OBJECTS
                        && items.item(f.totalOf().quantity()).type() == JsonType.INTEGER
                        && items.item(f.totalOf().price()).type() == JsonType.MONEY,
                f.name() + ": money that totals an array of objects, by their integer quantity and money price");
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(topic + " contract: " + problem);
        }
    }
}
