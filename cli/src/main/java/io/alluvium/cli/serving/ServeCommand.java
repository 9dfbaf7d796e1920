package io.alluvium.cli.serving;

import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.serving.CannotListen;
import io.alluvium.serving.ServedView;
import io.alluvium.serving.ServingApi;
import io.alluvium.serving.SpeedView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/**
 * {@code alluvium serve}: the read-only HTTP JSON API over the serving store, in the foreground until Ctrl-C,
 * like {@code stream start}. It says where it listens in one line; the store must answer first (preflight).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the serving store (what the realtime job keeps) as a read-only HTTP JSON API until "
                + "Ctrl-C: /api/v1/health, /cities/hours?from&to[&city], /users/{user_id}/features, "
                + "/alerts?limit&since, /counts. City sales per hour as serving.view says (lambda: Gold as published"
                + " by `alluvium batch` up to the batch watermark, the realtime job after it); every row says its"
                + " \"source\": \"batch\" or \"speed\".",
            "Listens on serve.host:serve.port (default 127.0.0.1:8089; e.g. --set serve.port=9000)."})
public final class ServeCommand extends PlatformCommand {
    /** Jetty serves requests on many threads; this many of them can read the store at once. */
    static final int STORE_CONNECTIONS = 16;

    @Override
    public Integer call() throws InterruptedException {
        AlluviumConfig config = config();
        String host = config.getString(AlluviumSettings.SERVE_HOST);
        int port = config.getInt(AlluviumSettings.SERVE_PORT);
        SpeedView view = Preflight.speedView(config, STORE_CONNECTIONS);
        ServingApi api;
        try {
            api = ServingApi.start(view, ServedView.of(config), host, port);
        } catch (CannotListen e) {
            view.close();
            throw new UserError(e.getMessage() + switch (e.reason()) {
                case PORT_IN_USE -> " (" + AlluviumSettings.SERVE_PORT + "): stop what holds it, or choose another"
                        + " port: --set " + AlluviumSettings.SERVE_PORT + "=<port> or in alluvium.yaml";
                case NOT_PERMITTED -> " (" + AlluviumSettings.SERVE_PORT + "): choose a port from 1024 up: --set "
                        + AlluviumSettings.SERVE_PORT + "=<port> or in alluvium.yaml";
                case ADDRESS_NOT_HERE, UNKNOWN_HOST -> " (" + AlluviumSettings.SERVE_HOST + "): choose one of this"
                        + " machine's addresses, e.g. 127.0.0.1 or 0.0.0.0 (all): --set " + AlluviumSettings.SERVE_HOST
                        + "=<address> or in alluvium.yaml";
            });
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            view.close();
            stopped.countDown();
        }, "serve-shutdown"));
        if (console().json()) {
            Map<String, String> serving = new LinkedHashMap<>();
            serving.put("url", api.url());
            serving.put("store", view.endpoint().toString());
            console().printJson(serving);
        } else {
            console().info("serving " + view.endpoint() + " read-only at " + api.url() + " (Ctrl-C stops)");
        }
        stopped.await();
        return 0;
    }
}
