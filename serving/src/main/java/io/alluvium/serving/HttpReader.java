package io.alluvium.serving;

import java.io.IOException;
import java.net.URI;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes a {@link LoadTest}'s lookups as a client of {@code alluvium serve} would: a GET of the API over HTTP/1.1
 * with connections kept alive, the JSON answer parsed. Found means a 200 that holds what was asked for
 * ({@link ServingLookup#found}).
 *
 * <p>The client is Apache HttpCore's blocking requester: each lookup is sent and read on the thread that asks,
 * over a pooled connection of its own, with none of a full client's per-request work (URI rebuilding, cookies,
 * redirects, retries). The client shares the machine with the API it measures, so every microsecond it spends is
 * one the API does not get (docs/benchmarks.md, {@code bench serving}).
 */
public final class HttpReader implements LoadTest.Reader, AutoCloseable {
    private static final Timeout TIMEOUT = Timeout.ofSeconds(10);

    private final HttpHost host;
    private final String basePath;
    private final HttpRequester requester;

    /**
     * @param baseUrl     the API's base, e.g. {@code http://127.0.0.1:8089/api/v1} ({@link ServingApi#url()})
     * @param connections connections kept open at most: one per client thread of the load test
     */
    public HttpReader(String baseUrl, int connections) {
        URI base = URI.create(baseUrl);
        this.host = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        this.basePath = base.getRawPath();
        this.requester = RequesterBootstrap.bootstrap()
                .setMaxTotal(connections)
                .setDefaultMaxPerRoute(connections)
                .setSocketConfig(SocketConfig.custom().setSoTimeout(TIMEOUT).setTcpNoDelay(true).build())
                .create();
    }

    @Override
    public boolean lookup(ServingLookup lookup) throws IOException, HttpException {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(Method.GET, host, basePath + lookup.path());
        // the body read to its end before it is parsed: a stream closed before its end (Jackson closes what it
        // parsed, and stops at the end of the JSON) takes the connection out of the pool, and every lookup would
        // then open a new one
        return requester.execute(host, request, TIMEOUT, HttpCoreContext.create(), response ->
                response.getCode() == 200 && response.getEntity() != null
                        && lookup.found(HashDecoder.JSON.readTree(EntityUtils.toByteArray(response.getEntity()))));
    }

    @Override
    public void close() {
        requester.close(CloseMode.IMMEDIATE);
    }
}
