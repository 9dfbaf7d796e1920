package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedService;
import io.alluvium.runtime.ObjectStoreAccess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded platform's S3-compatible object store (docs/deploy.md): s3proxy on 127.0.0.1 over a filesystem
 * backend in {@code <data.dir>/object-store} (one directory per bucket, one file per object), so that a warehouse on
 * {@code s3://} is written and read through the S3 protocol and Iceberg's {@code S3FileIO}, as on AWS. It answers
 * only requests signed with its one identity and the secret generated for the data directory, and it creates the
 * warehouse's bucket when it starts.
 */
final class ObjectStore implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final Path root;
    private final int port;
    private final String secret;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private BlobStore blobs;
    private S3Proxy proxy;

    ObjectStore(Path root, int port, String secret) {
        this.root = root;
        this.port = port;
        this.secret = secret;
    }

    static ObjectStore of(AlluviumConfig config) {
        return new ObjectStore(DataDir.of(config).root().resolve("object-store"),
                config.getInt(AlluviumSettings.OBJECT_STORE_PORT), ObjectStoreAccess.of(config).secret().reveal());
    }

    @Override
    public String start() throws Exception {
        Files.createDirectories(root);
        LocalPort.requireFree(port, AlluviumSettings.OBJECT_STORE_PORT);
        blobs = new FilesystemNio2BlobStore(root.toString());
        if (!blobs.containerExists(ObjectStoreAccess.EMBEDDED_BUCKET)) {
            blobs.createContainer(ObjectStoreAccess.EMBEDDED_BUCKET);
        }
        String endpoint = "http://" + LocalPort.HOST + ":" + port;
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ObjectStoreAccess.EMBEDDED_IDENTITY, secret)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the object store did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(50);
        }
        LOG.info("Object store ready at {} (bucket {}, objects in {})", endpoint, ObjectStoreAccess.EMBEDDED_BUCKET,
                root);
        return endpoint;
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (proxy != null) {
                proxy.stop();
            }
            if (blobs != null) {
                blobs.close();
            }
        } catch (Exception e) {
            LOG.warn("stopping the object store: {}", e.getMessage());
        } finally {
            stopped.countDown();
        }
    }
}
