package io.alluvium.services;

import io.alluvium.runtime.CatalogProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}, written by Alluvium before every start: password (SCRAM)
 * authentication for exactly two users, over the local socket and 127.0.0.1 — the catalog's login role, to the
 * catalog database only, and the superuser {@code postgres}, for the service that runs PostgreSQL. Any other user,
 * database or address is refused, and nothing is trusted (zonky's initdb writes {@code trust} for everyone, so a
 * cluster it made, or an older data directory, would let any local user in as superuser).
 */
final class PgHba {
    private static final String FILE = "pg_hba.conf";
    private static final String METHOD = "scram-sha-256";

    private PgHba() {
    }

    /** True when the cluster's pg_hba.conf trusts some connection: a data directory from before passwords. */
    static boolean trustsSome(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    /** Replaces pg_hba.conf; PostgreSQL reads it at start, or when told to reload. */
    static void write(Path dataDirectory, String catalogRole) throws IOException {
        String db = CatalogProperties.EMBEDDED_DATABASE;
        String text = "# Written by Alluvium at every start (changes here are lost): a password (SCRAM) for every connection.\n"
                + "# TYPE  DATABASE  USER  ADDRESS  METHOD\n"
                + "local " + db + " " + catalogRole + " " + METHOD + "\n"
                + "host " + db + " " + catalogRole + " " + LocalPort.HOST + "/32 " + METHOD + "\n"
                + "local all " + CatalogDatabase.SUPERUSER + " " + METHOD + "\n"
                + "host all " + CatalogDatabase.SUPERUSER + " " + LocalPort.HOST + "/32 " + METHOD + "\n";
        Files.writeString(dataDirectory.resolve(FILE), text, StandardCharsets.UTF_8);
    }
}
