package io.alluvium.orchestrator;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The catalog's PostgreSQL as the orchestrator reaches it: the catalog's URL, as the catalog's role (never the
 * superuser), with {@link OrchestratorSchema}'s tables made sure of before it is used.
 */
final class OrchestratorDatabase {
    private OrchestratorDatabase() {
    }

    static DataSource open(AlluviumConfig config) throws SQLException {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(CatalogProperties.jdbcUrl(config));
        db.setUser(config.getString(AlluviumSettings.CATALOG_JDBC_USER));
        db.setPassword(CatalogProperties.password(config).reveal());
        try (Connection c = db.getConnection()) {
            OrchestratorSchema.create(c);
        }
        return db;
    }
}
