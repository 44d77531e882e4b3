package io.outdial.testsupport;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A PostgreSQL server process unpacked from Maven artifacts (zonky), on a free port. */
final class EmbeddedPostgresServer implements PostgresServer {

    private final EmbeddedPostgres postgres;

    EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
        }
        stopWithThisJvm();
    }

    /** A server whose data directory outlives it: a second start finds the databases of the first. */
    EmbeddedPostgresServer(java.nio.file.Path dataDir, int port) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
        }
        stopWithThisJvm();
    }

    /** The postmaster gets a fast shutdown (SIGINT) when this JVM is gone, however it ended. */
    private void stopWithThisJvm() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var rows = connection.createStatement().executeQuery("SHOW data_directory")) {
            rows.next();
            String pidLine = java.nio.file.Files.readAllLines(java.nio.file.Path.of(rows.getString(1), "postmaster.pid")).get(0);
            OrphanGuard.stopWithThisJvm(Long.parseLong(pidLine.trim()), "INT");
        } catch (java.sql.SQLException | IOException e) {
            throw new IllegalStateException("cannot find the embedded PostgreSQL server's process", e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL server (zonky)";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
