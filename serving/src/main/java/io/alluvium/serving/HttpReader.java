package io.alluvium.serving;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes a {@link LoadTest}'s lookups as a client of {@code alluvium serve} would: a GET of the API over HTTP/1.1
 * with connections kept alive, the JSON answer parsed. Found means a 200 that holds what was asked for
 * ({@link ServingLookup#found}).
 *
 * <p>The client is Apache HttpClient's blocking one: each lookup is sent and read on the thread that asks, over
 * a pooled connection of its own. The JDK's {@code java.net.http} client, used before, hands every request and
 * answer between the caller, its selector thread and an executor; on two shared cores those hand-offs cost more
 * CPU than the server's work, so a bench measuring the API with it measured mostly its own client
 * (docs/benchmarks.md, {@code bench serving}).
 */
public final class HttpReader implements LoadTest.Reader, AutoCloseable {
    private static final Timeout TIMEOUT = Timeout.ofSeconds(10);

    private final String baseUrl;
    private final CloseableHttpClient client;

    /**
     * @param baseUrl     the API's base, e.g. {@code http://127.0.0.1:8089/api/v1} ({@link ServingApi#url()})
     * @param connections connections kept open at most: one per client thread of the load test
     */
    public HttpReader(String baseUrl, int connections) {
        this.baseUrl = baseUrl;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(TIMEOUT).setSocketTimeout(TIMEOUT)
                                .setValidateAfterInactivity(Timeout.of(1, TimeUnit.SECONDS)).build())
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    @Override
    public boolean lookup(ServingLookup lookup) throws IOException {
        // the body read to its end before it is parsed: a stream closed before its end (Jackson closes what it
        // parsed, and stops at the end of the JSON) takes the connection out of the pool, and every lookup would
        // then open a new one
        return client.execute(new HttpGet(baseUrl + lookup.path()), response -> response.getCode() == 200
                && response.getEntity() != null
                && lookup.found(HashDecoder.JSON.readTree(EntityUtils.toByteArray(response.getEntity()))));
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
    }
}
