package io.alluvium.runtime;

import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import io.alluvium.config.Password;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A password Alluvium makes up for one of its embedded services, so that none of them runs open to every local
 * user: 32 random characters, created on first use and then kept for the data directory's life in
 * {@code <data.dir>/secrets/<name>.password}, a file only its owner can read or write (0600, in a 0700 directory).
 * Every process of the platform (the service itself, the jobs, the CLI) reads that same file, so the secret is
 * never handed over on a command line or in a settings file; a user connecting with psql or redis-cli reads it
 * there too. A password set in the settings wins over it ({@link CatalogProperties#password},
 * {@link ServingEndpoint#of}).
 */
public record GeneratedPassword(Path file) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final int RANDOM_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The login role of the embedded catalog database. */
    public static GeneratedPassword catalog(DataDir dataDir) {
        return new GeneratedPassword(dataDir.secrets().resolve("catalog.password"));
    }

    /** The embedded PostgreSQL's superuser {@code postgres}: only the service that runs PostgreSQL uses it. */
    public static GeneratedPassword catalogSuperuser(DataDir dataDir) {
        return new GeneratedPassword(dataDir.secrets().resolve("postgres-superuser.password"));
    }

    /** The secret key of the embedded object store's one identity. */
    public static GeneratedPassword objectStore(DataDir dataDir) {
        return new GeneratedPassword(dataDir.secrets().resolve("object-store.password"));
    }

    /** The secret the embedded Spark cluster's master, workers and jobs authenticate each other with. */
    public static GeneratedPassword sparkCluster(DataDir dataDir) {
        return new GeneratedPassword(dataDir.secrets().resolve("spark-cluster.password"));
    }

    /** The embedded redis-server's {@code requirepass}. */
    public static GeneratedPassword serving(DataDir dataDir) {
        return new GeneratedPassword(dataDir.secrets().resolve("serving.password"));
    }

    /**
     * The password, created now if this data directory has none yet. Processes that start together agree on one:
     * the file appears whole or not at all (a private temporary file, hard-linked into place), and the first wins.
     */
    public Password value() {
        try {
            if (!Files.exists(file)) {
                create();
            }
            restrictToOwner(file, OWNER_ONLY);
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IOException("the file is empty: delete it to have a new password generated");
            }
            return new Password(text);
        } catch (IOException e) {
            throw new ConfigException(AlluviumSettings.DATA_DIR, "", "cannot read or create the password file "
                    + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable "
                    + "directory with --data-dir or data.dir in alluvium.yaml");
        }
    }

    private void create() throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            restrictToOwner(directory, OWNER_ONLY_DIRECTORY);
        }
        Path draft = Files.createTempFile(directory, ".new-", ".password");
        try {
            restrictToOwner(draft, OWNER_ONLY);
            Files.writeString(draft, generate() + "\n", StandardCharsets.UTF_8);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            // another process of the platform created it first: its password is the one
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** URL-safe Base64: no quote, backslash or space, so it goes into SQL, a Redis config line or a shell as is. */
    private static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix != null && !posix.readAttributes().permissions().equals(permissions)) {
            posix.setPermissions(permissions);
        }
    }
}
