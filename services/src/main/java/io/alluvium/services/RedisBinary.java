package io.alluvium.services;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code redis-server} executable: the one shipped in the embedded-redis artifact (6.2.6 for
 * linux-amd64), extracted once under the data directory's scratch space, or else a {@code redis-server}
 * on the PATH (other platforms, or a newer Redis/Valkey the user installed).
 */
final class RedisBinary {
    static final String SHIPPED = "redis-server-6.2.6-v5-linux-amd64";

    private RedisBinary() {
    }

    static Path locate(Path scratch) {
        boolean linuxAmd64 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        if (linuxAmd64 && RedisBinary.class.getClassLoader().getResource(SHIPPED) != null) {
            return extract(scratch);
        }
        return onPath().orElseThrow(() -> new IllegalStateException("no redis-server for "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + ": install one on the PATH, or set serving.redis-url to an existing Redis"));
    }

    private static Path extract(Path scratch) {
        Path target = scratch.resolve(SHIPPED);
        try (InputStream in = RedisBinary.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            byte[] bytes = in.readAllBytes();
            if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
                return target;
            }
            Files.createDirectories(scratch);
            Path tmp = Files.createTempFile(scratch, SHIPPED, ".part");
            Files.write(tmp, bytes);
            if (!tmp.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + tmp + " executable");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract redis-server to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
