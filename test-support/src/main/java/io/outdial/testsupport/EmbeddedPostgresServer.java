package io.outdial.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/** A PostgreSQL server process unpacked from Maven artifacts (zonky), on a free port. */
final class EmbeddedPostgresServer implements PostgresServer, PostgresProcess {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private Process watchdog;

    EmbeddedPostgresServer() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
        }
        dataDir = dataDirectory();
        watchdog = stopWithThisJvm();
    }

    /**
     * A server whose data directory outlives it: a second start finds the databases of the first.
     * With {@code crashSafe} a commit's WAL is written before the commit answers, which zonky's
     * {@code synchronous_commit=off} does not do: a killed server then keeps every commit.
     */
    EmbeddedPostgresServer(Path dataDir, int port, boolean crashSafe) {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Statement statistics for the benchmark's report; their cost is a hash lookup per statement.
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (crashSafe) {
                builder.setServerConfig("synchronous_commit", "on");
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
        }
        this.dataDir = dataDirectory();
        watchdog = stopWithThisJvm();
    }

    private Path dataDirectory() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var rows = connection.createStatement().executeQuery("SHOW data_directory")) {
            rows.next();
            return Path.of(rows.getString(1));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot find the embedded PostgreSQL server's data directory", e);
        }
    }

    /** The postmaster gets a fast shutdown (SIGINT) when this JVM is gone, however it ended. */
    private Process stopWithThisJvm() {
        return OrphanGuard.stopWithThisJvm(pid(), "INT");
    }

    @Override
    public synchronized long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("cannot find the embedded PostgreSQL server's process", e);
        }
    }

    @Override
    public synchronized void kill() throws IOException, InterruptedException {
        long pid = pid();
        List<ProcessHandle> server = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            server.add(postmaster);
            server.addAll(postmaster.children().toList());
        });
        server.forEach(ProcessHandle::destroyForcibly);
        // They are reaped by init, not by this JVM; until then pg_ctl takes the postmaster for alive.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (server.stream().anyMatch(p -> !gone(p.pid()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL (postmaster " + pid + ") still there 30 s after SIGKILL");
            }
            Thread.sleep(50);
        }
    }

    private static boolean gone(long pid) {
        Path proc = Path.of("/proc");
        return Files.isDirectory(proc) ? !Files.exists(proc.resolve(Long.toString(pid)))
                : ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    @Override
    public synchronized void restart() throws IOException, InterruptedException {
        // postmaster.opts is the command line of the last start (binary, port, settings): pg_ctl restart
        // finds the old postmaster gone and starts it again from there, crash recovery first.
        String opts = Files.readString(dataDir.resolve("postmaster.opts")).trim();
        Path pgCtl = Path.of(opts.substring(0, opts.indexOf(" \""))).resolveSibling("pg_ctl");
        Path log = Path.of(System.getProperty("outdial.logs.dir", dataDir.getParent().toString())).resolve("postgres-restart.log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky starts it: PostgreSQL refuses to run as root.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "-w", "-t", "60", "-l", log.toString(), "restart"));
        Process pgCtlRun = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!pgCtlRun.waitFor(90, TimeUnit.SECONDS) || pgCtlRun.exitValue() != 0) {
            pgCtlRun.destroyForcibly();
            throw new IllegalStateException("pg_ctl restart failed; see " + log);
        }
        watchdog.destroy();
        watchdog = stopWithThisJvm();
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
        watchdog.destroy();
    }
}
