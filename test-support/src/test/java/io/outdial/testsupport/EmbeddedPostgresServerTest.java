package io.outdial.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fault-injection run crashes PostgreSQL and starts it again: on the same port, with the same data. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedPostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void aKilledServerComesBackOnItsPortWithItsCommittedData() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir.resolve("postgres"), port, true);
        try {
            String url = "jdbc:postgresql://localhost:" + port + "/postgres";
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (n int)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            long pid = server.pid();

            server.kill();
            assertTrue(ProcessHandle.of(pid).isEmpty(), "the postmaster is gone");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres").close());

            server.restart();
            assertNotEquals(pid, server.pid());
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT n FROM kept")) {
                assertTrue(rows.next());
                assertEquals(42, rows.getInt(1));
            }
        } finally {
            server.close();
        }
    }
}
