package io.alluvium.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.alluvium.contract.Field;
import io.alluvium.contract.JsonType;
import io.alluvium.contract.TopicContract;
import io.alluvium.tables.BronzeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Silver's interpreter of the event contract (common's EventContracts, docs/events.md): decides, for each Bronze
 * record, whether it is a valid event of its topic and if not, why — the reason code of the first of the
 * contract's checks the record fails ({@code TopicContract#checks}, the order the realtime job follows too), and
 * a one-line detail. The checks become the branches of one CASE expression ({@link CheckSql}), generated from the
 * declaration.
 *
 * <p>The payload is parsed once into a VARIANT ({@code try_parse_json}) and every check inspects the JSON
 * type of a field ({@code schema_of_variant}). That is what tells "field absent" from "field of the wrong
 * type": {@code from_json} with a typed schema turns both into a silent null, and a cast would accept the
 * string "12" as a number. Each field's value and type (and an array's elements with theirs) are taken from
 * the payload once per record, in projections below the checks: a valid record goes through every check, and
 * walking the payload again in each one made classification the most expensive step of a run.
 */
public final class EventClassifier {
    /** Columns added by {@link #classify}: the reason code (null when valid) and its detail. */
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    private static final String PROBLEM = "_problem";

    private final TopicContract contract;

    public EventClassifier(TopicContract contract) {
        this.contract = contract;
    }

    /** Bronze rows plus {@link #REASON} and {@link #DETAIL}; keeps the parsed payload for {@link #typed}. */
    public Dataset<Row> classify(Dataset<Row> bronze) {
        Map<String, Column> values = new LinkedHashMap<>();
        Map<String, Column> types = new LinkedHashMap<>();
        for (Field f : contract.fields()) {
            values.put(CheckSql.valueColumn(f.name()), expr(CheckSql.valueSql(f)));
            types.put(CheckSql.typeColumn(f.name()), expr(CheckSql.typeSql(f)));
            if (f.type() == JsonType.OBJECTS) {
                types.put(CheckSql.elementsColumn(f.name()), expr(CheckSql.elementsSql(f)));
            }
        }
        List<String> helpers = new ArrayList<>(values.keySet());
        helpers.addAll(types.keySet());
        helpers.add(PROBLEM);
        return bronze.withColumn(CheckSql.PARSED, expr("try_parse_json(" + BronzeTable.PAYLOAD + ")"))
                .withColumns(values)
                .withColumns(types)
                .withColumn(PROBLEM, expr(problemSql()))
                .withColumn(REASON, col(PROBLEM + "." + REASON))
                .withColumn(DETAIL, col(PROBLEM + "." + DETAIL))
                .drop(helpers.toArray(String[]::new));
    }

    /** The typed Silver columns of classified rows (valid rows only give meaningful values). */
    public List<Column> typed() {
        List<Column> columns = new ArrayList<>();
        for (Field f : contract.fields()) {
            String at = "'$." + f.name() + "'";
            String value = f.type() == JsonType.TIMESTAMP
                    ? "try_cast(try_variant_get(" + CheckSql.PARSED + ", " + at + ", 'string') AS timestamp)"
                    : "try_variant_get(" + CheckSql.PARSED + ", " + at + ", '" + SilverTypes.of(f) + "')";
            columns.add(expr(value).as(f.name()));
        }
        return columns;
    }

    /** A CASE expression giving named_struct(reason, detail) for the first check the payload fails. */
    String problemSql() {
        return contract.checks().stream().map(CheckSql::when).collect(Collectors.joining(" ", "CASE ", " END"));
    }
}
