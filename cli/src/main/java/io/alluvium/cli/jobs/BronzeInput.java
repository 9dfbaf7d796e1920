package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Layer;
import io.alluvium.orchestrator.PipelineInput;
import io.alluvium.runtime.CatalogProperties;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform pipeline's input as its data trigger sees it: the row count of each Bronze table that has rows, as
 * {@code bronze.clicks=… bronze.orders=… bronze.payments=…}, read from the tables' current snapshots
 * ({@code table list}: a child JVM without Spark, about a second). Landing's appends change it; compaction and
 * snapshot expiry keep the count (docs/orchestration.md#triggers).
 *
 * <p>The child JVM runs only when a Bronze table has changed since the last look: first the catalog database's rows
 * of the Bronze tables are read (Iceberg's JDBC catalog keeps each table's current metadata file there, and every
 * commit replaces it), one query; an idle platform costs no more.
 */
final class BronzeInput implements PipelineInput {
    /** Iceberg's JDBC catalog: a row per table with its current metadata file. */
    private static final String CATALOG_ROWS = "SELECT table_name, metadata_location FROM iceberg_tables"
            + " WHERE catalog_name = ? AND table_namespace = ? ORDER BY table_name";
    /** PostgreSQL's "undefined table": no Iceberg table was ever created in this catalog. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final AlluviumConfig config;
    private String lastMetadata;
    private String lastLook;

    BronzeInput(AlluviumConfig config) {
        this.config = config;
    }

    @Override
    public synchronized String look() {
        String metadata = metadataFiles();
        if (!metadata.equals(lastMetadata)) {
            lastLook = metadata.isEmpty() ? "" : marker(EngineJobs.run(EngineJobs.batch(config, "pipeline-input",
                    List.of("table", "list")), config));
            lastMetadata = metadata;
        }
        return lastLook;
    }

    /** The current metadata file of each Bronze table, one line each; empty when there is none. */
    private String metadataFiles() {
        try (Connection c = DriverManager.getConnection(CatalogProperties.jdbcUrl(config),
                config.getString(AlluviumSettings.CATALOG_JDBC_USER), CatalogProperties.password(config).reveal());
             PreparedStatement q = c.prepareStatement(CATALOG_ROWS)) {
            q.setString(1, CatalogProperties.name(config));
            q.setString(2, Layer.BRONZE.namespace());
            StringBuilder files = new StringBuilder();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    files.append(rs.getString(1)).append(' ').append(rs.getString(2)).append('\n');
                }
            }
            return files.toString();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return "";
            }
            throw new IllegalStateException("cannot read the catalog's Bronze tables: " + e.getMessage(), e);
        }
    }

    /** The marker of {@code table list}'s result. */
    static String marker(JsonNode tables) {
        List<String> bronze = new ArrayList<>();
        for (JsonNode t : tables) {
            String name = t.path("table").asText();
            if (name.startsWith(Layer.BRONZE.namespace() + ".") && t.path("records").asLong() > 0) {
                bronze.add(name + "=" + t.path("records").asLong());
            }
        }
        bronze.sort(null);
        return String.join(" ", bronze);
    }
}
