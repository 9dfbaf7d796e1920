package io.alluvium.spark;

import io.alluvium.contract.Check;
import io.alluvium.contract.Field;
import io.alluvium.contract.Field.Total;
import io.alluvium.contract.JsonType;
import io.alluvium.contract.TimestampFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each check of the event contract (common's {@code TopicContract#checks}, docs/events.md) as a branch of the SQL
 * CASE by which {@link EventClassifier} gives a Bronze record its reason and detail. The checks read columns the
 * classifier computes once per record, named here: each top-level field's value as a VARIANT and its JSON type
 * (VOID when absent or null), and for an array of objects its elements, each with its fields' values and types.
 * A check of an item's field holds when it holds for some element.
 */
final class CheckSql {
    /** The parsed payload, a VARIANT (null when the payload is no JSON at all). */
    static final String PARSED = "_parsed";
    /** The names schema_of_variant gives integers: Spark's JSON reader makes any that fits 64 bits a BIGINT. */
    private static final String INTEGERS = "('TINYINT', 'SMALLINT', 'INT', 'BIGINT')";
    private static final String ELEMENT = "x";

    /** Where a checked value is: its VARIANT and its JSON type, as SQL. */
    private record Value(String variant, String type) {
        String present() {
            return type + " <> 'VOID'";
        }

        String as(String sqlType) {
            return "try_variant_get(" + variant + ", '$', '" + sqlType + "')";
        }
    }

    /**
     * A check as SQL: when it holds, and the detail of a record it rejects: a text, then (of a top-level field)
     * what the record holds, as SQL that includes its lead-in ({@code ', got ' || type}); null when nothing is shown.
     */
    private record Branch(String condition, String text, String value) {
    }

    private CheckSql() {
    }

    /** The column of a top-level field's value (a VARIANT, null when absent). */
    static String valueColumn(String field) {
        return "_v_" + field;
    }

    /** The column of a top-level field's JSON type. */
    static String typeColumn(String field) {
        return "_t_" + field;
    }

    /** The column of an array of objects' elements. */
    static String elementsColumn(String field) {
        return "_e_" + field;
    }

    static String valueSql(Field field) {
        return "variant_get(" + PARSED + ", '$." + field.name() + "')";
    }

    static String typeSql(Field field) {
        return typeOf(valueColumn(field.name()));
    }

    /** Per element of an array of objects: whether it is an object, and each of its fields' value and type. */
    static String elementsSql(Field field) {
        StringBuilder element = new StringBuilder("named_struct('is_object', " + typeOf(ELEMENT) + " LIKE 'OBJECT%'");
        for (Field item : field.items()) {
            String value = "variant_get(" + ELEMENT + ", '$." + item.name() + "')";
            element.append(", 'v_").append(item.name()).append("', ").append(value)
                    .append(", 't_").append(item.name()).append("', ").append(typeOf(value));
        }
        return "transform(try_variant_get(" + valueColumn(field.name()) + ", '$', 'array<variant>'), " + ELEMENT + " -> "
                + element + "))";
    }

    /** The WHEN branch of a check: its condition, then named_struct(reason, detail). */
    static String when(Check check) {
        Branch branch = branch(check, valueOf(check));
        String condition = check.item() == null ? branch.condition()
                : "exists(" + elementsColumn(check.field().name()) + ", " + ELEMENT + " -> " + branch.condition() + ")";
        // an element's values are out of reach here: an item's detail is its text alone
        String detail = branch.value() == null || check.item() != null ? literal(branch.text())
                : "concat_ws('', " + literal(branch.text()) + ", " + branch.value() + ")";
        return "WHEN " + condition + " THEN named_struct('" + EventClassifier.REASON + "', '" + check.reason().code()
                + "', '" + EventClassifier.DETAIL + "', " + detail + ")";
    }

    private static Value valueOf(Check check) {
        if (check.field() == null) {
            return null;
        }
        if (check.item() == null) {
            return new Value(valueColumn(check.field().name()), typeColumn(check.field().name()));
        }
        return new Value(ELEMENT + ".v_" + check.item().name(), ELEMENT + ".t_" + check.item().name());
    }

    private static Branch branch(Check check, Value v) {
        Field target = check.target();
        String path = check.path();
        return switch (check.rule()) {
            case JSON_OBJECT -> new Branch(PARSED + " IS NULL OR " + typeOf(PARSED) + " NOT LIKE 'OBJECT%'",
                    "not one JSON object, or a field named twice", null);
            case PRESENT -> target.requiredWhen() == null
                    ? new Branch(v.type() + " = 'VOID'", "missing field " + path, null)
                    : new Branch(v.type() + " = 'VOID' AND " + holds(target.requiredWhen()), "missing field " + path
                            + " (required when " + target.requiredWhen().field() + " is one of "
                            + target.requiredWhen().values() + ")", null);
            case TYPE -> new Branch(v.present() + " AND NOT (" + hasType(target.type(), v) + ")",
                    path + ": expected " + target.type().title(), "', got ' || " + (target.type() == JsonType.TIMESTAMP
                            ? "nvl(" + v.as("string") + ", " + v.type() + ")" : v.type()));
            case ELEMENTS_ARE_OBJECTS -> new Branch(v.present() + " AND exists(" + elementsColumn(target.name()) + ", "
                    + ELEMENT + " -> NOT " + ELEMENT + ".is_object)", path + ": an element is not an object", null);
            // the sign of the double: an amount too large for any decimal type is negative all the same
            case NOT_NEGATIVE -> new Branch(v.present() + " AND " + v.as("double") + " < 0", path + " is negative",
                    shown(v));
            case ONE_OF -> new Branch(v.present() + " AND " + v.as("string") + " NOT IN (" + quoted(target.oneOf()) + ")",
                    path + " is not one of " + target.oneOf(), shown(v));
            case WHOLE_CENTS -> new Branch(v.present() + " AND (" + v.as("decimal(18,2)") + " IS NULL OR "
                    + moreThanTwoDecimals(v) + ")", path + " is not a whole number of cents below 10^16", shown(v));
            case NOT_EMPTY -> new Branch(v.present() + " AND size(" + elementsColumn(target.name()) + ") = 0",
                    path + " has no element", null);
            case AT_LEAST -> new Branch(v.present() + " AND " + v.as(SilverTypes.of(target)) + " < " + target.atLeast(),
                    path + " is below " + target.atLeast(), shown(v));
            case TOTAL -> new Branch(v.present() + " AND " + v.as("decimal(18,2)") + " <> " + total(target.totalOf()),
                    path + " is not the sum of " + target.totalOf().quantity() + " * " + target.totalOf().price()
                            + " over " + target.totalOf().items(), shown(v) + " || ' <> ' || " + total(target.totalOf()));
        };
    }

    /** What a detail shows of a value: its text. */
    private static String shown(Value v) {
        return "': ' || " + v.as("string");
    }

    /** Whether a value has its JSON type; a timestamp, also the contract's form and a time that exists. */
    private static String hasType(JsonType type, Value v) {
        return switch (type) {
            case STRING -> v.type() + " = 'STRING'";
            case TIMESTAMP -> v.type() + " = 'STRING' AND " + v.as("string") + " RLIKE " + literal(TimestampFormat.PATTERN)
                    + " AND try_cast(" + v.as("string") + " AS timestamp) IS NOT NULL";
            case MONEY -> v.type() + " IN " + INTEGERS + " OR " + v.type() + " IN ('FLOAT', 'DOUBLE') OR " + v.type()
                    + " LIKE 'DECIMAL%'";
            case INTEGER -> v.type() + " IN " + INTEGERS + " AND " + v.as("int") + " IS NOT NULL";
            case OBJECTS -> v.type() + " LIKE 'ARRAY%'";
        };
    }

    /**
     * Whether a number has more than 2 decimals. Spark's JSON reader keeps a decimal's digits without its trailing
     * zeros, so a decimal's scale, in its type's name, is its number of decimals. A number in exponent notation
     * (or of more than 38 digits) it reads as a double: its text's decimals are counted.
     */
    private static String moreThanTwoDecimals(Value v) {
        return "CASE WHEN " + v.type() + " LIKE 'DECIMAL%' THEN NOT (" + v.type() + " LIKE '%,0)' OR " + v.type()
                + " LIKE '%,1)' OR " + v.type() + " LIKE '%,2)') WHEN " + v.type() + " IN ('FLOAT', 'DOUBLE') THEN "
                + decimals(v.as("string")) + " > 2 ELSE false END";
    }

    /**
     * How many decimals a number written as {@code text} has, as SQL: the digits after the point, less trailing
     * zeros, less the exponent ("5.65" 2, "1.0E-5" 5, "1.0E30" −30).
     */
    private static String decimals(String text) {
        return "(length(regexp_extract(" + text + ", " + literal("^-?[0-9]*[.]?([0-9]*?)0*(E.*)?$") + ", 1)) - nvl("
                + "try_cast(regexp_extract(" + text + ", " + literal("E([-+]?[0-9]+)$") + ", 1) AS int), 0))";
    }

    /** The sum of quantity × price over the elements, exactly (decimal(38,4) holds any of them). */
    private static String total(Total total) {
        String product = "try_variant_get(" + ELEMENT + ".v_" + total.quantity() + ", '$', 'int') * try_variant_get("
                + ELEMENT + ".v_" + total.price() + ", '$', 'decimal(18,2)')";
        return "aggregate(" + elementsColumn(total.items()) + ", CAST(0 AS decimal(38,4)), (acc, " + ELEMENT
                + ") -> CAST(acc + " + product + " AS decimal(38,4)))";
    }

    /** A conditionally required field's condition: the other field is a string among the values. */
    private static String holds(Field.Condition condition) {
        return typeColumn(condition.field()) + " = 'STRING' AND try_variant_get(" + valueColumn(condition.field())
                + ", '$', 'string') IN ("
                + quoted(condition.values()) + ")";
    }

    /** The JSON type of a VARIANT, VOID when it is null or JSON null. */
    private static String typeOf(String variant) {
        return "nvl(schema_of_variant(" + variant + "), 'VOID')";
    }

    /** A SQL string literal of {@code text}: Spark SQL reads a backslash in one as an escape. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(CheckSql::literal).collect(Collectors.joining(", "));
    }
}
