package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import io.alluvium.config.Password;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every engine reaches a warehouse on S3 (docs/deploy.md): through Iceberg's {@code S3FileIO}, at the configured
 * endpoint (an S3-compatible store) or AWS S3 itself, with static keys or the AWS SDK's default credentials; or at
 * the embedded object store {@code alluvium up} starts, with the key generated for the data directory.
 *
 * @param endpoint  the store's URL; empty for AWS S3
 * @param accessKey empty for the SDK's default credentials
 */
public record ObjectStoreAccess(String endpoint, boolean pathStyle, String region, String accessKey, Password secret,
                                boolean embedded) {
    /** The embedded store's one identity, and the bucket its warehouse lives in. */
    public static final String EMBEDDED_IDENTITY = "alluvium";
    public static final String EMBEDDED_BUCKET = "alluvium";

    public static ObjectStoreAccess of(AlluviumConfig config) {
        if (!config.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED)) {
            return new ObjectStoreAccess(config.getString(AlluviumSettings.S3_ENDPOINT),
                    config.getBoolean(AlluviumSettings.S3_PATH_STYLE_ACCESS), config.getString(AlluviumSettings.S3_REGION),
                    config.getString(AlluviumSettings.S3_ACCESS_KEY_ID),
                    config.getPassword(AlluviumSettings.S3_SECRET_ACCESS_KEY), false);
        }
        if (!config.getString(AlluviumSettings.S3_ENDPOINT).isEmpty()) {
            throw new ConfigException(AlluviumSettings.S3_ENDPOINT, config.getString(AlluviumSettings.S3_ENDPOINT),
                    "the embedded object store (" + AlluviumSettings.OBJECT_STORE_EMBEDDED + "=true) is the endpoint:"
                            + " set one or the other");
        }
        return new ObjectStoreAccess("http://127.0.0.1:" + config.getInt(AlluviumSettings.OBJECT_STORE_PORT), true,
                config.getString(AlluviumSettings.S3_REGION), EMBEDDED_IDENTITY,
                GeneratedPassword.objectStore(DataDir.of(config)).value(), true);
    }

    /** Whether a warehouse location is on S3 (or a store that speaks its protocol). */
    public static boolean onS3(String warehouse) {
        return warehouse.startsWith("s3://") || warehouse.startsWith("s3a://");
    }

    /** Iceberg's catalog properties for {@code S3FileIO}. Contains the secret, if any: never log them. */
    Map<String, String> catalogProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        p.put("client.region", region);
        p.put("s3.path-style-access", Boolean.toString(pathStyle));
        if (!endpoint.isEmpty()) {
            p.put("s3.endpoint", endpoint);
        }
        if (!accessKey.isEmpty()) {
            p.put("s3.access-key-id", accessKey);
            p.put("s3.secret-access-key", secret.reveal());
        }
        return p;
    }

    /**
     * The AWS SDK since 2.30 adds checksums to every request by default, which S3-compatible stores (s3proxy among
     * them) refuse; AWS S3 takes requests with or without. So a store at an endpoint gets checksums only where the
     * API requires them. The SDK reads these system properties when a client is built, in this JVM.
     */
    void checksumsOnlyWhenRequired() {
        if (!endpoint.isEmpty()) {
            System.setProperty("aws.requestChecksumCalculation", "when_required");
            System.setProperty("aws.responseChecksumValidation", "when_required");
        }
    }
}
