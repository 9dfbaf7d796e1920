package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedService;
import io.alluvium.runtime.GeneratedPassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that holds the Iceberg JDBC catalog. Its data directory lives under
 * {@code <data.dir>/postgres} and is initialised only once, so every table the catalog knows survives a
 * restart; it listens on 127.0.0.1 only. As root, zonky runs PostgreSQL in a user namespace.
 *
 * <p>Nothing gets in without a password: the cluster is made with SCRAM authentication and the superuser's
 * generated password ({@link GeneratedPassword#catalogSuperuser}), {@link PgHba} admits only the catalog's role
 * and the superuser, and the catalog connects as its own {@link CatalogRole}, which is no superuser. The
 * superuser's password stays with this service. A data directory made before passwords (trusting every local
 * connection) is secured at its first start here.
 */
public final class CatalogDatabase implements EmbeddedService {
    static final String SUPERUSER = "postgres";
    private static final String INVALID_PASSWORD = "28P01";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CatalogDatabase.class);

    private final Path dataDirectory;
    private final int port;
    private final CatalogRole role;
    private final GeneratedPassword superuserPassword;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EmbeddedPostgres postgres;

    CatalogDatabase(Path dataDirectory, int port, CatalogRole role, GeneratedPassword superuserPassword) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
        this.role = role;
        this.superuserPassword = superuserPassword;
    }

    public static CatalogDatabase of(AlluviumConfig settings) {
        DataDir dataDir = DataDir.of(settings);
        return new CatalogDatabase(dataDir.postgres(), settings.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT),
                new CatalogRole(settings.getString(AlluviumSettings.CATALOG_JDBC_USER),
                        CatalogProperties.password(settings)),
                GeneratedPassword.catalogSuperuser(dataDir));
    }

    /** The URL the catalog uses (see {@code CatalogProperties.jdbcUrl}). */
    public String jdbcUrl() {
        return url(CatalogProperties.EMBEDDED_DATABASE);
    }

    private String url(String database) {
        return "jdbc:postgresql://" + LocalPort.HOST + ":" + port + "/" + database;
    }

    /** A connection as the catalog's role, to the catalog database: what the engines get. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), role.name(), role.password().reveal());
    }

    private Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, superuserPassword.value().reveal());
    }

    /**
     * Starts PostgreSQL (initdb on first use only), secures it, brings the catalog's role up to date and returns
     * the JDBC URL once the role's query succeeds.
     */
    @Override
    public String start() throws IOException, SQLException {
        LocalPort.requireFree(port, AlluviumSettings.CATALOG_POSTGRES_PORT);
        Files.createDirectories(dataDirectory);
        boolean trusting = PgHba.trustsSome(dataDirectory);
        try {
            postgres = launch(trusting);
        } catch (IOException e) {
            stopLeftPostmaster();
            if (refusedPassword(e)) {
                throw new BadInputException("the catalog database in " + dataDirectory + " refused the superuser "
                        + "password in " + superuserPassword.file() + ", which changed after the database was made: "
                        + "put the earlier file back, or delete " + dataDirectory + " to start with an empty catalog");
            }
            throw e;
        }
        if (trusting) {
            secureTrustingCluster();
        }
        try (Connection c = superuser(SUPERUSER)) {
            role.apply(c, this::superuser);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("select 1");
        }
        LOG.info("Catalog database ready at {} as role {} (data in {})", jdbcUrl(), role.name(), dataDirectory);
        return jdbcUrl();
    }

    private EmbeddedPostgres launch(boolean trusting) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", LocalPort.HOST)
                // zonky's initdb runs "-A trust" followed by its locale options as --key=value: the later wins
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", superuserPassword.file().toString())
                .setConnectConfig("password", superuserPassword.value().reveal())
                .setDataDirectoryCustomizer(directory -> {
                    if (!trusting) {
                        writeHba();
                    }
                })
                .start();
    }

    /** Zonky leaves the postmaster running when its readiness check fails: stopped here, so the port is free. */
    private void stopLeftPostmaster() {
        postmasterPid().flatMap(ProcessHandle::of).ifPresent(postmaster -> {
            postmaster.destroy();
            try {
                postmaster.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("PostgreSQL pid {} did not stop within {} s", postmaster.pid(), STOP_TIMEOUT.toSeconds());
            }
        });
    }

    private static boolean refusedPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && INVALID_PASSWORD.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void writeHba() {
        try {
            PgHba.write(dataDirectory, role.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /**
     * A cluster from before passwords, up with its trusting pg_hba.conf: the superuser gets its password, then
     * pg_hba.conf is replaced and reloaded, after which every new connection needs a password.
     */
    private void secureTrustingCluster() throws SQLException {
        LOG.info("Securing the catalog database in {}: it trusted every local connection", dataDirectory);
        try (Connection c = superuser(SUPERUSER); Statement s = c.createStatement()) {
            c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER,
                    superuserPassword.value().reveal().toCharArray(), "scram-sha-256");
            writeHba();
            s.execute("select pg_reload_conf()");
        }
    }

    /** Waits for the postmaster whose pid PostgreSQL wrote into its data directory. */
    @Override
    public void awaitStopped() throws InterruptedException {
        Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
        if (postmaster.isPresent()) {
            try {
                postmaster.get().onExit().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot watch PostgreSQL", e.getCause());
            }
        }
    }

    private Optional<Long> postmasterPid() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops PostgreSQL with a fast shutdown: open transactions roll back, committed data is on disk. */
    @Override
    public void close() {
        EmbeddedPostgres pg = postgres;
        if (pg != null && closed.compareAndSet(false, true)) {
            LOG.info("Stopping catalog database at {}", jdbcUrl());
            try {
                pg.close();
            } catch (IOException e) {
                LOG.warn("PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
