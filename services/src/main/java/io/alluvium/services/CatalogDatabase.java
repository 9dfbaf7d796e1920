package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL that holds the Iceberg JDBC catalog. Its data directory lives under
 * {@code <data.dir>/postgres} and is initialised only once, so every table the catalog knows survives a
 * restart; it listens on 127.0.0.1 only. As root, zonky runs PostgreSQL in a user namespace.
 */
public final class CatalogDatabase implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogDatabase.class);
    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EmbeddedPostgres postgres;

    public CatalogDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.port = port;
    }

    public static CatalogDatabase of(AlluviumConfig settings) {
        return new CatalogDatabase(DataDir.of(settings).postgres(),
                settings.getInt(AlluviumSettings.CATALOG_POSTGRES_PORT));
    }

    /** The URL the catalog uses (see {@code CatalogProperties.jdbcUrl}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + LocalPort.HOST + ":" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /** Starts PostgreSQL (initdb on first use only) and returns the JDBC URL once a query succeeds. */
    @Override
    public String start() throws IOException, SQLException {
        LocalPort.requireFree(port, AlluviumSettings.CATALOG_POSTGRES_PORT);
        Files.createDirectories(dataDirectory);
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setServerConfig("listen_addresses", LocalPort.HOST)
                .start();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("select 1");
        }
        LOG.info("Catalog database ready at {} (data in {})", jdbcUrl(), dataDirectory);
        return jdbcUrl();
    }

    /** Waits for the postmaster whose pid PostgreSQL wrote into its data directory. */
    @Override
    public void awaitStopped() throws InterruptedException {
        Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
        if (postmaster.isPresent()) {
            try {
                postmaster.get().onExit().get();
            } catch (java.util.concurrent.ExecutionException e) {
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
