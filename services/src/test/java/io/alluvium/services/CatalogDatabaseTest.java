package io.alluvium.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDatabaseTest {
    private static final int ROWS = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void committedRowsSurviveARestart() throws Exception {
        int port = FreePort.next();
        try (CatalogDatabase db = CatalogDatabase.of(config(port))) {
            assertThat(db.start()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/alluvium_catalog");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("create table t (n bigint)");
                s.execute("insert into t select generate_series(1, " + ROWS + ")");
            }
        }
        try (CatalogDatabase again = CatalogDatabase.of(config(port))) {
            again.start();
            try (Connection c = again.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), sum(n), inet_server_addr()::text from t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).isEqualTo((long) ROWS * (ROWS + 1) / 2);
                assertThat(rs.getString(3)).startsWith("127.0.0.1");
            }
        }
    }

    @Test
    void aPortInUseIsAClearMessageNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             CatalogDatabase db = CatalogDatabase.of(config(taken.getLocalPort()))) {
            assertThatThrownBy(db::start)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("catalog.postgres-port");
        }
    }

    private AlluviumConfig config(int port) {
        return AlluviumConfig.defaults().with(Map.of("data.dir", dataDir.toString(),
                "catalog.postgres-port", Integer.toString(port)), "test");
    }
}
