package io.alluvium.services;

import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.Password;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login role the Iceberg catalog connects to the embedded PostgreSQL as, made to hold just what the JDBC
 * catalog needs: it owns the catalog database and every table in it (so it creates and alters the catalog's
 * tables), and nothing else — not a superuser, cannot create roles or databases, replicate or bypass row
 * security, so it cannot read server files or run programs ({@code COPY ... TO PROGRAM}). Applied through the
 * superuser's connection at every start, so that a changed password or role name takes effect and a catalog
 * from before this role (held by {@code postgres} in database {@code postgres}) moves into the role's database.
 * The password goes to the server as a SCRAM verifier, never as text that its log could show.
 *
 * @param name the role, {@code catalog.jdbc-user}
 */
record CatalogRole(String name, Password password) {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogRole.class);
    private static final String DATABASE = CatalogProperties.EMBEDDED_DATABASE;
    private static final String NAME_PATTERN = "[a-z_][a-z0-9_]{0,62}";
    private static final String ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

    CatalogRole {
        if (name.equals(CatalogDatabase.SUPERUSER)) {
            throw new BadInputException(AlluviumSettings.CATALOG_JDBC_USER + " is postgres, the embedded PostgreSQL's "
                    + "superuser, which the catalog never gets: remove " + AlluviumSettings.CATALOG_JDBC_USER
                    + " from alluvium.yaml (the default role is alluvium) or name another role");
        }
        if (!name.matches(NAME_PATTERN)) {
            throw new BadInputException(AlluviumSettings.CATALOG_JDBC_USER + " \"" + name + "\" cannot name the "
                    + "embedded catalog's role: use lowercase letters, digits and _ (the default is alluvium)");
        }
    }

    /** Creates or updates the role and its database; {@code postgres} is a superuser's connection to database postgres. */
    void apply(Connection postgres, ConnectionTo catalogAsSuperuser) throws SQLException {
        try (Statement s = postgres.createStatement()) {
            s.execute((exists(postgres, "SELECT 1 FROM pg_roles WHERE rolname = ?", name) ? "ALTER" : "CREATE")
                    + " ROLE \"" + name + "\" " + ATTRIBUTES);
            postgres.unwrap(PGConnection.class).alterUserPassword(name, password.reveal().toCharArray(), "scram-sha-256");
            Optional<String> owner = databaseOwner(postgres);
            if (owner.isEmpty()) {
                boolean earlierCatalog = exists(postgres, "SELECT 1 WHERE to_regclass(?) IS NOT NULL", "public.iceberg_tables");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER \"" + name + "\""
                        + (earlierCatalog ? " TEMPLATE postgres" : ""));
                if (earlierCatalog) {
                    LOG.info("Moved the catalog's tables from database postgres into {} (the copy left in postgres "
                            + "is no longer used)", DATABASE);
                }
            } else if (!owner.get().equals(name)) {
                s.execute("ALTER DATABASE " + DATABASE + " OWNER TO \"" + name + "\"");
            }
            s.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
        }
        try (Connection catalog = catalogAsSuperuser.open(DATABASE)) {
            ownAllTables(catalog);
        }
    }

    /** Tables made by {@code postgres} or by a role of an earlier name become the role's. */
    private void ownAllTables(Connection catalog) throws SQLException {
        List<String> others = new ArrayList<>();
        try (PreparedStatement q = catalog.prepareStatement(
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    others.add(rs.getString(1));
                }
            }
        }
        try (Statement s = catalog.createStatement()) {
            for (String table : others) {
                s.execute("ALTER TABLE public." + table + " OWNER TO \"" + name + "\"");
            }
        }
    }

    private Optional<String> databaseOwner(Connection postgres) throws SQLException {
        try (PreparedStatement q = postgres.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            q.setString(1, DATABASE);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String query, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(query)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Opens a superuser's connection to a database. */
    @FunctionalInterface
    interface ConnectionTo {
        Connection open(String database) throws SQLException;
    }
}
