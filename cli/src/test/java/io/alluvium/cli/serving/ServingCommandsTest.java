package io.alluvium.cli.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.Main;
import io.alluvium.cli.platform.EmbeddedService;
import io.alluvium.cli.platform.Platform;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigDef.RawValue;
import io.alluvium.domain.ServingKeys;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import io.alluvium.serving.CityHourReads;
import io.alluvium.serving.ServedView;
import io.alluvium.serving.SpeedView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.clients.jedis.JedisPooled;

/**
 * {@code alluvium serve} and {@code alluvium watch} as a user runs them, against the embedded serving store
 * started as {@code alluvium up} starts it (a real redis-server, with a password), holding hashes written as
 * REALTIME.md says. {@code serve} runs as its own process, stopped as Ctrl-C stops it.
 */
public class ServingCommandsTest {
    private static final String PASSWORD = "cli-test-pw-31";

    @TempDir
    static Path dir;

    private static Map<String, String> settings;
    private static Platform platform;
    private static JedisPooled store;

    /** What one command printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void startTheServingStore() {
        settings = new LinkedHashMap<>();
        settings.put(AlluviumSettings.DATA_DIR, dir.resolve("data").toString());
        settings.put(AlluviumSettings.SERVING_PORT, Integer.toString(freePort()));
        settings.put(AlluviumSettings.SERVING_PASSWORD, PASSWORD);
        Map<String, RawValue> raw = new LinkedHashMap<>();
        settings.forEach((k, v) -> raw.put(k, new RawValue(v, "test")));
        AlluviumConfig config = AlluviumConfig.of(raw);
        platform = new Platform(config);
        platform.up(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false),
                service -> service.name().equals(EmbeddedService.SERVING_STORE));
        store = ServingStoreConnections.pool(ServingEndpoint.of(config), "alluvium-test", 2);
    }

    @AfterAll
    static void stopTheServingStore() {
        if (store != null) {
            store.close();
        }
        if (platform != null) {
            platform.down(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false));
        }
    }

    @BeforeEach
    void emptyStore() {
        store.flushAll();
    }

    /** Runs one command in this JVM, as a person would type it, with {@code --set} for each of {@code with}. */
    public static Result run(Map<String, String> with, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        List<String> command = new ArrayList<>(List.of(args));
        with.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        return new Result(cmd.execute(command.toArray(String[]::new)), out.toString(), err.toString());
    }

    private static Result run(String... args) {
        return run(settings, args);
    }

    private static void cityHour(String city, String hour, long paid, String amount) {
        Instant start = ServingKeys.parseHour(hour).orElseThrow();
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("city", city);
        hash.put("hour_start", start.toString());
        hash.put("orders_created", Long.toString(paid + 2));
        hash.put("orders_paid", Long.toString(paid));
        hash.put("orders_cancelled", "1");
        hash.put("paid_amount", amount);
        hash.put("distinct_buyers", Long.toString(paid));
        hash.put("items_sold", Long.toString(paid * 2));
        store.hset(ServingKeys.cityHour(city, start), hash);
        store.sadd(ServingKeys.CITIES, city);
    }

    /** Three cities in the newest hour (Madrid tops it by amount, not by orders), one in an older hour. */
    private static void sales() {
        cityHour("Paris", "2026-11-01T05", 40, "980.10");
        cityHour("Madrid", "2026-11-01T05", 3, "1500.00");
        cityHour("Berlin", "2026-11-01T05", 9, "99.90");
        cityHour("Rome", "2026-11-01T04", 99, "99999.00");
        store.hset(ServingKeys.alert("amount_spike:e-7"), Map.of("alert_id", "amount_spike:e-7", "rule", "amount_spike",
                "user_id", "u-000007", "card_fingerprint", "00ff", "event_ts", "2026-11-01T05:07:00Z",
                "event_ids", "[\"e-7\"]", "evidence", "{\"amount\":\"1500.00\"}"));
        store.zadd(ServingKeys.ALERTS_BY_TIME, Instant.parse("2026-11-01T05:07:00Z").toEpochMilli(), "amount_spike:e-7");
        store.hset(ServingKeys.counts("orders"), Map.of("valid", "55", "duplicate", "4"));
    }

    @Test
    void watchOnceShowsTheTopCityOfTheNewestHourTheAlertsAndTheCounts() {
        sales();
        Result r = run("watch", "--once");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("hour 2026-11-01T05 UTC (newest hour in the store")
                .contains("amount_spike:e-7").contains("duplicate").doesNotContain("Rome");
        List<String> cityLines = r.out().lines().filter(l -> l.matches("\\|\\s*(Paris|Madrid|Berlin)\\s*\\|.*")).toList();
        assertThat(cityLines).hasSize(3);
        assertThat(cityLines.get(0)).contains("Madrid").contains("1500.00");
        assertThat(cityLines.get(1)).contains("Paris");
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }

    @Test
    void watchOnceAsJsonIsTheFrame() throws IOException {
        sales();
        Result r = run("watch", "--once", "--json", "--top", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode frame = Console.JSON.readTree(r.out());
        assertThat(frame.path("hour").asText()).isEqualTo("2026-11-01T05:00:00Z");
        assertThat(frame.path("hour_is_current").asBoolean()).isFalse();
        assertThat(frame.path("top_cities")).extracting(c -> c.path("city").asText()).containsExactly("Madrid", "Paris");
        assertThat(frame.at("/top_cities/0/source").asText()).isEqualTo("speed");
        assertThat(frame.at("/alerts/0/event_ids/0").asText()).isEqualTo("e-7");
        assertThat(frame.at("/counts/0/counts/valid").asLong()).isEqualTo(55);
    }

    @Test
    void theCurrentHourComesFirstWhenItHasSales() {
        sales();
        Instant now = Instant.parse("2026-11-01T04:59:59Z");
        try (SpeedView view = SpeedView.open(ServingEndpoint.of(AlluviumConfig.defaults().with(settings, "test")), 1)) {
            WatchFrame frame = WatchFrame.read(view, new CityHourReads(view, ServedView.LAMBDA), now, 10);
            assertThat(frame.hour()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
            assertThat(frame.currentHour()).isTrue();
            assertThat(frame.topCities()).extracting(c -> c.path("city").asText()).containsExactly("Rome");
        }
    }

    @Test
    void watchOnAnEmptyStoreSaysSo() {
        Result r = run("watch", "--once");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("the store has no hourly sales yet").contains("Latest alerts: none");
    }

    @Test
    void badWatchFlagsAreRejected() {
        Result noUnit = run("watch", "--once", "--interval", "5");
        assertThat(noUnit.exitCode()).isEqualTo(2);
        assertThat(noUnit.err()).contains("--interval");
        Result tooShort = run("watch", "--once", "--interval", "10ms");
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.err()).contains("--interval must be between 100ms and 1h, got 10ms");
    }

    @Test
    void aStoreThatIsDownOrRefusesThePasswordIsOneLineAndExitTwoForEveryCommandThatReadsIt() {
        Map<String, String> down = new LinkedHashMap<>(settings);
        down.put(AlluviumSettings.SERVING_PORT, Integer.toString(freePort()));
        Map<String, String> wrong = new LinkedHashMap<>(settings);
        wrong.put(AlluviumSettings.SERVING_PASSWORD, "not-" + PASSWORD);
        for (String[] command : new String[][] {{"watch", "--once"}, {"serve"}, {"reconcile"}}) {
            Result r = run(down, command);
            assertThat(r.exitCode()).as(command[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("cannot reach the serving store").contains("(serving.port)")
                    .contains("alluvium up").doesNotContain("Exception").hasLineCount(1);

            r = run(wrong, command);
            assertThat(r.exitCode()).as(command[0] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: the serving store at redis://127.0.0.1:" + settings.get(
                    AlluviumSettings.SERVING_PORT) + " refused the credentials (").contains("check serving.password")
                    .doesNotContain(PASSWORD).hasLineCount(1);
            assertThat(r.out()).doesNotContain("skipped");
        }
    }

    @Test
    void serveOnATakenPortNamesTheSetting() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> with = new LinkedHashMap<>(settings);
            with.put(AlluviumSettings.SERVE_PORT, Integer.toString(taken.getLocalPort()));
            Result r = run(with, "serve");
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use (serve.port)")
                    .hasLineCount(1);
        }
    }

    @Test
    void serveOnAnAddressThisMachineLacksNamesTheHostSettingNotThePort() {
        Map<String, String> with = new LinkedHashMap<>(settings);
        with.put(AlluviumSettings.SERVE_HOST, "192.0.2.1"); // set aside for documentation (RFC 5737): on no machine
        Result r = run(with, "serve");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: 192.0.2.1 is not an address of this machine (serve.host): choose one of"
                + " this machine's addresses, e.g. 127.0.0.1 or 0.0.0.0 (all): --set serve.host=<address> or in"
                + " alluvium.yaml" + System.lineSeparator());
    }

    @Test
    void serveAnswersOverHttpUntilStoppedLikeCtrlC() throws Exception {
        sales();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ChildJvm.home().resolve("cli/target/classes") + java.io.File.pathSeparator
                        + Files.readString(ChildJvm.home().resolve("cli/target/classpath.txt")).strip(),
                "io.alluvium.cli.Main", "serve"));
        Map<String, String> with = new LinkedHashMap<>(settings);
        with.put(AlluviumSettings.SERVE_PORT, Integer.toString(port));
        with.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
        Process serve = new ProcessBuilder(command).redirectError(dir.resolve("serve.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            String url = "http://127.0.0.1:" + port + "/api/v1";
            assertThat(line).isEqualTo("serving redis://127.0.0.1:" + settings.get(AlluviumSettings.SERVING_PORT)
                    + " read-only at " + url + " (Ctrl-C stops)");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode hours = Console.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url
                    + "/cities/hours?from=2026-11-01T05&to=2026-11-01T06&city=Madrid")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(hours.at("/rows/0/paid_amount").asText()).isEqualTo("1500.00");
            assertThat(hours.at("/totals/orders_paid").asLong()).isEqualTo(3);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(dir.resolve("serve.err"))).doesNotContain(PASSWORD).doesNotContain("Exception");
        try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(free.getLocalPort()).as("serve released its port").isEqualTo(port);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
