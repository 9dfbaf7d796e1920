package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog's view of a warehouse on S3 (docs/deploy.md): S3FileIO with the endpoint, region and keys of the
 * settings; the SDK's own credentials when no key is set; the embedded store with the data directory's generated
 * secret; a local warehouse untouched; the secret never shown.
 */
class ObjectStoreAccessTest {
    @TempDir
    Path dataDir;

    @Test
    void anS3WarehouseIsOpenedWithS3FileIoAndTheConfiguredStore() {
        Map<String, String> p = CatalogProperties.of(config(Map.of(
                AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse",
                AlluviumSettings.S3_ENDPOINT, "http://minio.internal:9000",
                AlluviumSettings.S3_PATH_STYLE_ACCESS, "true",
                AlluviumSettings.S3_REGION, "eu-west-1",
                AlluviumSettings.S3_ACCESS_KEY_ID, "AKIA1",
                AlluviumSettings.S3_SECRET_ACCESS_KEY, "sekret")));
        assertThat(p).containsEntry("warehouse", "s3://lake/warehouse")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://minio.internal:9000")
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("client.region", "eu-west-1")
                .containsEntry("s3.access-key-id", "AKIA1")
                .containsEntry("s3.secret-access-key", "sekret");
        assertThat(System.getProperty("aws.requestChecksumCalculation")).isEqualTo("when_required");
    }

    @Test
    void awsS3WithoutKeysLeavesCredentialsToTheSdk() {
        Map<String, String> p = CatalogProperties.of(config(Map.of(
                AlluviumSettings.CATALOG_WAREHOUSE, "s3://lake/warehouse")));
        assertThat(p).containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("client.region", "us-east-1")
                .doesNotContainKeys("s3.endpoint", "s3.access-key-id", "s3.secret-access-key");
    }

    @Test
    void theEmbeddedStoreHoldsTheWarehouseWithTheGeneratedSecret() {
        AlluviumConfig config = config(Map.of(AlluviumSettings.OBJECT_STORE_EMBEDDED, "true",
                AlluviumSettings.OBJECT_STORE_PORT, "19123"));
        Map<String, String> p = CatalogProperties.of(config);
        assertThat(p).containsEntry("warehouse", "s3://alluvium/warehouse")
                .containsEntry("s3.endpoint", "http://127.0.0.1:19123")
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("s3.access-key-id", "alluvium")
                .containsEntry("s3.secret-access-key",
                        GeneratedPassword.objectStore(DataDir.of(config)).value().reveal());
        assertThat(config.describe().values()).noneMatch(v -> v.contains(p.get("s3.secret-access-key")));

        assertThatThrownBy(() -> ObjectStoreAccess.of(config.with(AlluviumSettings.S3_ENDPOINT, "http://x:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set one or the other");
    }

    @Test
    void aLocalWarehouseIsLeftToItsFileSystem() {
        Map<String, String> p = CatalogProperties.of(config(Map.of()));
        assertThat(p.get("warehouse")).startsWith("file:").contains("/warehouse");
        assertThat(p).doesNotContainKeys("io-impl", "s3.endpoint");
    }

    @Test
    void theSecretKeyIsNeverShown() {
        AlluviumConfig config = config(Map.of(AlluviumSettings.S3_SECRET_ACCESS_KEY, "sekret"));
        assertThat(config.describe().get(AlluviumSettings.S3_SECRET_ACCESS_KEY)).isEqualTo("[hidden]");
    }

    private AlluviumConfig config(Map<String, String> settings) {
        return AlluviumConfig.defaults().with(AlluviumSettings.DATA_DIR, dataDir.toString()).with(settings, "test");
    }
}
