package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the serving store is, from the settings, without ever showing its password. */
class ServingEndpointTest {

    @Test
    void noUrlMeansTheEmbeddedStoreWithTheConfiguredPassword() {
        ServingEndpoint endpoint = ServingEndpoint.of(AlluviumConfig.defaults().with(Map.of(
                AlluviumSettings.SERVING_PORT, "16400", AlluviumSettings.SERVING_PASSWORD, "pw-1"), "test"));
        assertThat(endpoint.embedded()).isTrue();
        assertThat(endpoint.toString()).isEqualTo("redis://127.0.0.1:16400");
        assertThat(endpoint.password().reveal()).isEqualTo("pw-1");
        assertThat(endpoint.settingKey()).isEqualTo(AlluviumSettings.SERVING_PORT);
    }

    @Test
    void aUrlGivesHostPortTlsAndCredentialsButShowsNoneOfTheSecrets() {
        ServingEndpoint endpoint = ServingEndpoint.of(AlluviumConfig.defaults()
                .with(AlluviumSettings.SERVING_REDIS_URL, "rediss://reader:s3cr3t@cache.example:6380"));
        assertThat(endpoint).extracting(ServingEndpoint::host, ServingEndpoint::port, ServingEndpoint::tls,
                ServingEndpoint::user, ServingEndpoint::embedded).containsExactly("cache.example", 6380, true, "reader", false);
        assertThat(endpoint.password().reveal()).isEqualTo("s3cr3t");
        assertThat(endpoint.toString()).isEqualTo("rediss://cache.example:6380").doesNotContain("s3cr3t");
        assertThat(ServingEndpoint.of(AlluviumConfig.defaults().with(AlluviumSettings.SERVING_REDIS_URL,
                "redis://cache.example")).port()).isEqualTo(6379);
    }

    @Test
    void aBadUrlIsNamedBySettingWithoutRepeatingIt() {
        AlluviumConfig config = AlluviumConfig.defaults()
                .with(AlluviumSettings.SERVING_REDIS_URL, "http://user:s3cr3t@cache.example");
        assertThatThrownBy(() -> ServingEndpoint.of(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("serving.redis-url: not a Redis URL")
                .message().doesNotContain("s3cr3t");
    }
}
