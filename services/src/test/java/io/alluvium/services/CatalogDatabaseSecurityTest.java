package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.GeneratedPassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks a local user could try on the catalog's PostgreSQL, each refused. */
class CatalogDatabaseSecurityTest {
    private static final String CONFIGURED = "configured-catalog-pw";

    @TempDir
    Path dataDir;

    private final int port = FreePort.next();

    @Test
    void theSuperuserNeedsItsPasswordAndTheCatalogRoleCannotRunPrograms() throws Exception {
        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            db.start();

            Properties noPassword = new Properties();
            noPassword.setProperty("user", "postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url("postgres"), noPassword).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertRefused("postgres", "postgres", "postgres", "28P01", "password authentication failed for user \"postgres\"");
            assertRefused("postgres", "postgres", generated(GeneratedPassword::catalog), "28P01",
                    "password authentication failed for user \"postgres\"");

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("pg_execute_server_program");
                assertThatThrownBy(() -> s.execute("SELECT pg_read_file('postgresql.conf')"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                try (ResultSet rs = s.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                        + "WHERE rolname = current_user")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)})
                            .containsOnly(false);
                }
            }
            assertRefused("postgres", "alluvium", generated(GeneratedPassword::catalog), "28000",
                    "no pg_hba.conf entry");
            assertRefused("alluvium_catalog", "alluvium", "wrong", "28P01",
                    "password authentication failed for user \"alluvium\"");
        }
        assertOnlyPasswordsAdmit();
    }

    @Test
    void thePasswordsAreInOwnerOnlyFilesOfTheDataDirectory() throws Exception {
        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            db.start();
        }
        Path secrets = dataDir.resolve("secrets");
        assertThat(permissions(secrets)).isEqualTo("rwx------");
        assertThat(permissions(secrets.resolve("catalog.password"))).isEqualTo("rw-------");
        assertThat(permissions(secrets.resolve("postgres-superuser.password"))).isEqualTo("rw-------");
        assertThat(generated(GeneratedPassword::catalog)).hasSize(32)
                .isNotEqualTo(generated(GeneratedPassword::catalogSuperuser));
    }

    @Test
    void aConfiguredPasswordWinsOverTheGeneratedOne() throws Exception {
        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of("catalog.jdbc-password", CONFIGURED)))) {
            db.start();
            try (Connection c = DriverManager.getConnection(url("alluvium_catalog"), "alluvium", CONFIGURED)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            db.start();
            assertRefused("alluvium_catalog", "alluvium", CONFIGURED, "28P01", "password authentication failed");
            try (Connection c = db.connect()) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void theSuperuserCannotBeTheCatalogsRole() {
        assertThatThrownBy(() -> CatalogDatabase.of(config(Map.of("catalog.jdbc-user", "postgres"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("catalog.jdbc-user is postgres, the embedded PostgreSQL's superuser");
    }

    @Test
    void aSuperuserPasswordFileChangedAfterInitIsOneMessageAndFreesThePort() throws Exception {
        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            db.start();
        }
        Path file = dataDir.resolve("secrets/postgres-superuser.password");
        Files.writeString(file, "not-the-one-initdb-got\n");

        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            assertThatThrownBy(db::start).isInstanceOf(BadInputException.class)
                    .hasMessage("the catalog database in " + dataDir.resolve("postgres") + " refused the superuser "
                            + "password in " + file + ", which changed after the database was made: put the earlier "
                            + "file back, or delete " + dataDir.resolve("postgres") + " to start with an empty catalog");
        }
        LocalPort.requireFree(port, "test");
    }

    /** What earlier versions left: a cluster trusting every local connection, the catalog in database postgres. */
    @Test
    void aDataDirectoryFromBeforePasswordsIsSecuredAndKeepsItsCatalog() throws Exception {
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).setPort(port)
                .setServerConfig("listen_addresses", LocalPort.HOST).start();
             Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE iceberg_tables (catalog_name varchar(255), table_name varchar(255))");
            s.execute("INSERT INTO iceberg_tables VALUES ('alluvium', 'bronze.orders')");
        }

        try (CatalogDatabase db = CatalogDatabase.of(config(Map.of()))) {
            db.start();
            assertRefused("postgres", "postgres", "", "08004", "the password is an empty string");
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT table_name FROM iceberg_tables")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("bronze.orders");
                s.execute("INSERT INTO iceberg_tables VALUES ('alluvium', 'silver.orders')");
            }
        }
        assertOnlyPasswordsAdmit();
    }

    private void assertOnlyPasswordsAdmit() throws Exception {
        assertThat(Files.readAllLines(dataDir.resolve("postgres/pg_hba.conf")))
                .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).endsWith(" scram-sha-256"));
    }

    private void assertRefused(String database, String user, String password, String sqlState, String message) {
        assertThatThrownBy(() -> DriverManager.getConnection(url(database), user, password).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(message);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String generated(java.util.function.Function<DataDir, GeneratedPassword> which) {
        return which.apply(new DataDir(dataDir)).value().reveal();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private AlluviumConfig config(Map<String, String> settings) {
        return AlluviumConfig.defaults().with(Map.of("data.dir", dataDir.toString(),
                "catalog.postgres-port", Integer.toString(port)), "test").with(settings, "test");
    }
}
