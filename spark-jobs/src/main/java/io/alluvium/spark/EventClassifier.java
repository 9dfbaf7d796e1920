package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.alluvium.contract.TimestampFormat;
import io.alluvium.spark.EventContract.Field;
import io.alluvium.spark.EventContract.Kind;
import io.alluvium.tables.BronzeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Decides, for each Bronze record, whether it is a valid event of its topic and if not, why: the first
 * failing rule gives the reason code of docs/events.md (bad_json, missing_field, wrong_type,
 * negative_amount, invalid_value, checked in that order) and a one-line detail.
 *
 * <p>The payload is parsed once into a VARIANT ({@code try_parse_json}) and every rule inspects the JSON
 * type of a field ({@code schema_of_variant}). That is what tells "field absent" from "field of the wrong
 * type": {@code from_json} with a typed schema turns both into a silent null, and a cast would accept the
 * string "12" as a number. Each field's type (and the items and money values several rules use) is taken
 * from the variant once per record, in a projection below the rules: a valid record goes through every
 * rule, and walking the variant again in each one made classification the most expensive step of a run.
 */
public final class EventClassifier {
    /** Columns added by {@link #classify}: the reason code (null when valid) and its detail. */
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    private static final String PARSED = "_parsed";
    /** Per record, computed once: the items as variants, their fields' types, and as typed structs. */
    private static final String ITEM_LIST = "_item_list";
    private static final String ITEM_TYPES = "_item_types";
    private static final String ITEMS = "_items";
    private static final String NUMBER = "'^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|DECIMAL.*)$'";
    /** Each item's fields, and as SQL (the field's variant in place of %1$s) whether it has its JSON type. */
    private static final String[][] ITEM_FIELDS = {{"product_id", "schema_of_variant(%1$s) = 'STRING'"},
        {"qty", "schema_of_variant(%1$s) RLIKE '^(TINYINT|SMALLINT|INT|BIGINT)$'" // an integer that fits an int
            + " AND try_variant_get(%1$s, '$', 'int') IS NOT NULL"},
        {"unit_price", "schema_of_variant(%1$s) RLIKE " + NUMBER}};

    private final EventContract contract;

    public EventClassifier(EventContract contract) {
        this.contract = contract;
    }

    /** Bronze rows plus {@link #REASON} and {@link #DETAIL}; keeps the parsed payload for {@link #typed}. */
    public Dataset<Row> classify(Dataset<Row> bronze) {
        Map<String, Column> once = new LinkedHashMap<>();
        for (Field f : contract.fields()) {
            once.put(typeOf(f.name()), expr("nvl(schema_of_variant(" + at(f.name()) + "), 'VOID')"));
            if (f.kind() == Kind.MONEY) {
                once.put(cents(f.name()), expr(get(f.name(), "decimal(18,2)")));
                once.put(text(f.name()), expr(get(f.name(), "string")));
            }
            if (f.kind() == Kind.ITEMS) {
                once.put(ITEM_LIST, expr("try_variant_get(" + at(f.name()) + ", '$', 'array<variant>')"));
                once.put(ITEMS, expr(get(f.name(), f.kind().sqlType())));
            }
        }
        Dataset<Row> prepared = bronze.withColumn(PARSED, expr("try_parse_json(" + BronzeTable.PAYLOAD + ")"))
                .withColumns(once);
        if (once.containsKey(ITEM_LIST)) {
            prepared = prepared.withColumn(ITEM_TYPES, expr(itemTypesSql()));
        }
        List<String> helpers = new ArrayList<>(once.keySet());
        helpers.add(ITEM_TYPES);
        helpers.add("_problem");
        return prepared
                .withColumn("_problem", expr(problemSql()))
                .withColumn(REASON, col("_problem.reason"))
                .withColumn(DETAIL, col("_problem.detail"))
                .drop(helpers.toArray(String[]::new));
    }

    /** The typed Silver columns of classified rows (valid rows only give meaningful values). */
    public List<Column> typed() {
        List<Column> columns = new ArrayList<>();
        for (Field f : contract.fields()) {
            String value = f.kind() == Kind.INSTANT
                    ? "try_cast(" + get(f.name(), "string") + " AS timestamp)"
                    : get(f.name(), f.kind().sqlType());
            columns.add(expr(value).as(f.name()));
        }
        return columns;
    }

    /** A CASE expression giving named_struct(reason, detail) for the first rule the payload breaks. */
    String problemSql() {
        List<String> whens = new ArrayList<>();
        whens.add(rule("bad_json", PARSED + " IS NULL OR schema_of_variant(" + PARSED + ") NOT LIKE 'OBJECT%'",
                "'not a JSON object'"));
        for (Field f : contract.fields()) {
            presenceRule(f).ifPresent(whens::add);
        }
        for (Field f : contract.fields()) {
            whens.addAll(typeRules(f));
        }
        for (Field f : contract.fields()) {
            if (f.kind() == Kind.MONEY) {
                // the sign of the double: an amount too large for any decimal type is negative all the same
                whens.add(rule("negative_amount", get(f.name(), "double") + " < 0",
                        "'" + f.name() + " is negative: ' || " + text(f.name())));
            }
        }
        for (Field f : contract.fields()) {
            whens.addAll(valueRules(f));
        }
        if (contract.totalOfItems() != null) {
            String total = "aggregate(" + ITEMS
                    + ", CAST(0 AS decimal(38,4)), (acc, x) -> CAST(acc + x.qty * x.unit_price AS decimal(38,4)))";
            whens.add(rule("invalid_value", cents(contract.totalOfItems()) + " <> " + total,
                    "'" + contract.totalOfItems() + " ' || " + text(contract.totalOfItems())
                            + " || ' is not sum(qty * unit_price) = ' || " + total));
        }
        return "CASE " + String.join(" ", whens) + " END";
    }

    private Optional<String> presenceRule(Field f) {
        if (f.required()) {
            return Optional.of(rule("missing_field", absent(f.name()), "'missing field " + f.name() + "'"));
        }
        if (f.requiredWhenField() != null) {
            String when = get(f.requiredWhenField(), "string") + " IN (" + quoted(f.requiredWhenValues()) + ")";
            return Optional.of(rule("missing_field", when + " AND " + absent(f.name()),
                    "'missing field " + f.name() + " (required when " + f.requiredWhenField() + " is ' || "
                            + get(f.requiredWhenField(), "string") + " || ')'"));
        }
        return Optional.empty();
    }

    private List<String> typeRules(Field f) {
        String present = "NOT " + absent(f.name()) + " AND ";
        String type = typeOf(f.name());
        String got = "' got ' || " + type;
        return switch (f.kind()) {
            case STRING -> List.of(rule("wrong_type", present + type + " <> 'STRING'",
                    "'" + f.name() + ": expected a string,' || " + got));
            case INSTANT -> List.of(rule("wrong_type", present + "(" + type + " <> 'STRING' OR "
                            + get(f.name(), "string") + " NOT RLIKE " + literal(TimestampFormat.PATTERN) + " OR try_cast("
                            + get(f.name(), "string") + " AS timestamp) IS NULL)",
                    "'" + f.name() + ": expected an ISO-8601 instant, got ' || " + at(f.name()) + "::string"));
            case MONEY -> List.of(rule("wrong_type", present + type + " NOT RLIKE " + NUMBER,
                    "'" + f.name() + ": expected a number,' || " + got));
            case ITEMS -> itemRules(f, present, type, got);
        };
    }

    /** Items: an array of objects with product_id (string), qty (integer), unit_price (number). */
    private List<String> itemRules(Field f, String present, String type, String got) {
        String anyItem = "exists(" + ITEM_TYPES + ", x -> ";
        List<String> rules = new ArrayList<>();
        rules.add(rule("wrong_type", present + type + " NOT LIKE 'ARRAY%'",
                "'" + f.name() + ": expected an array,' || " + got));
        rules.add(rule("wrong_type", present + anyItem + "NOT x.is_object)",
                "'" + f.name() + ": every item must be an object'"));
        for (String[] itemField : ITEM_FIELDS) {
            rules.add(rule("missing_field", present + anyItem + "x." + itemField[0] + " = 'VOID')",
                    "'missing field " + f.name() + "[]." + itemField[0] + "'"));
        }
        for (String[] itemField : ITEM_FIELDS) {
            rules.add(rule("wrong_type", present + anyItem + "NOT x." + itemField[0] + "_typed)",
                    "'" + f.name() + "[]." + itemField[0] + " has the wrong JSON type'"));
        }
        return rules;
    }

    /**
     * Per item: whether it is an object, the JSON type of each of its fields (VOID when absent or null), and
     * whether the field has its type.
     */
    private static String itemTypesSql() {
        StringBuilder struct = new StringBuilder("named_struct('is_object', schema_of_variant(x) LIKE 'OBJECT%'");
        for (String[] itemField : ITEM_FIELDS) {
            String value = "variant_get(x, '$." + itemField[0] + "')";
            struct.append(", '").append(itemField[0]).append("', nvl(schema_of_variant(").append(value)
                    .append("), 'VOID'), '").append(itemField[0]).append("_typed', ")
                    .append(String.format(itemField[1], value));
        }
        return "transform(" + ITEM_LIST + ", x -> " + struct + "))";
    }

    private List<String> valueRules(Field f) {
        List<String> rules = new ArrayList<>();
        if (!f.oneOf().isEmpty()) {
            rules.add(rule("invalid_value", "NOT " + absent(f.name()) + " AND " + get(f.name(), "string")
                            + " NOT IN (" + quoted(f.oneOf()) + ")",
                    "'" + f.name() + " ''' || " + get(f.name(), "string") + " || ''' not in [" + String.join(", ", f.oneOf())
                            + "]'"));
        }
        if (f.kind() == Kind.MONEY) {
            rules.add(rule("invalid_value", notMoney(cents(f.name()), text(f.name())),
                    "'" + f.name() + " ' || " + text(f.name()) + " || ' has more than 2 decimals or is too large'"));
        }
        if (f.kind() == Kind.ITEMS) {
            rules.add(rule("invalid_value", "size(" + ITEMS + ") = 0", "'" + f.name() + " is empty'"));
            String price = "variant_get(x, '$.unit_price')";
            rules.add(rule("invalid_value", "exists(" + ITEM_LIST + ", x -> " + notMoney("try_variant_get(" + price
                            + ", '$', 'decimal(18,2)')", "try_variant_get(" + price + ", '$', 'string')") + ")",
                    "'" + f.name() + ": unit_price has more than 2 decimals or is too large'"));
            rules.add(rule("invalid_value", "exists(" + ITEMS + ", x -> x.qty < 1 OR x.unit_price < 0)",
                    "'" + f.name() + ": qty must be >= 1 and unit_price >= 0'"));
        }
        return rules;
    }

    private static String rule(String reason, String condition, String detailSql) {
        return "WHEN " + condition + " THEN named_struct('" + REASON + "', '" + reason + "', '" + DETAIL + "', "
                + detailSql + ")";
    }

    private static String at(String field) {
        return "variant_get(" + PARSED + ", '$." + field + "')";
    }

    private static String get(String field, String sqlType) {
        return "try_variant_get(" + PARSED + ", '$." + field + "', '" + sqlType + "')";
    }

    /** The column holding a field's JSON type, VOID when the field is absent or null. */
    private static String typeOf(String field) {
        return "_type_" + field;
    }

    /** The column holding a money field as decimal(18,2): null when too large, rounded to the cent. */
    private static String cents(String field) {
        return "_cents_" + field;
    }

    /** The column holding a number as text: the digits of a decimal (Spark drops its trailing zeros), or a double's. */
    private static String text(String field) {
        return "_text_" + field;
    }

    /** Whether a number, as decimal(18,2) and as text, is not money: too large, or more than 2 decimals. */
    private static String notMoney(String cents, String text) {
        return "(" + cents + " IS NULL OR " + decimals(text) + " > 2)";
    }

    /**
     * How many decimals a number written as {@code text} has, as SQL: the digits after the point, less trailing
     * zeros, less the exponent ("5.65" 2, "1.0E-5" 5, "1.0E30" −30). Exact where a decimal(18,2) could hold the
     * value, unlike a cast, which rounds what it cannot hold.
     */
    private static String decimals(String text) {
        return "(length(regexp_extract(" + text + ", " + literal("^-?[0-9]*[.]?([0-9]*?)0*(E.*)?$") + ", 1)) - nvl(try_cast("
                + "regexp_extract(" + text + ", " + literal("E([-+]?[0-9]+)$") + ", 1) AS int), 0))";
    }

    private static String absent(String field) {
        return "(" + typeOf(field) + " = 'VOID')";
    }

    /** A SQL string literal of {@code text}: Spark SQL reads a backslash in one as an escape. */
    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }
}
