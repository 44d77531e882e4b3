package io.outdial.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.outdial.testsupport.TestInfrastructure;

/**
 * Samples what the services' database connections do, five times a second, from
 * {@code pg_stat_activity}: run a statement, wait for a lock another transaction holds, or sit idle
 * inside a transaction while their service works on its side. When one row is the bottleneck, its
 * waiters pile up while its holder sits idle in its transaction, and the summary of a window says
 * which statements waited.
 */
final class DatabaseWaits implements AutoCloseable {

    static final String RUNNING = "running";
    static final String LOCK = "waiting for a lock";
    static final String IDLE = "idle in a transaction";

    private static final String SAMPLE = """
            SELECT datname, state, wait_event_type, query FROM pg_stat_activity
             WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
               AND state IN ('active', 'idle in transaction')
            """;

    /** Connections seen in each state and statement ("state|database|statement"), by second. */
    private final NavigableMap<Long, Map<String, Integer>> seen = new TreeMap<>();
    private final NavigableMap<Long, Integer> samples = new TreeMap<>();
    private final TestInfrastructure.Database database;
    private final Thread thread;
    private volatile boolean running = true;

    DatabaseWaits(TestInfrastructure.Database database) {
        this(database, true);
    }

    /** {@code sampling} false: samples come only through {@link #add}. */
    DatabaseWaits(TestInfrastructure.Database database, boolean sampling) {
        this.database = database;
        thread = new Thread(this::loop, "database-waits");
        thread.setDaemon(true);
        if (sampling) {
            thread.start();
        }
    }

    private void loop() {
        while (running) {
            try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                while (running) {
                    sample(c);
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException transientFailure) {
                // the database restarting, or not up yet: try again in a second
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void sample(Connection c) throws SQLException {
        long second = Instant.now().getEpochSecond();
        Map<String, Integer> here = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SAMPLE)) {
            while (rs.next()) {
                String state = "idle in transaction".equals(rs.getString(2)) ? IDLE
                        : "Lock".equals(rs.getString(3)) ? LOCK : RUNNING;
                here.merge(state + "|" + rs.getString(1) + "|" + statement(rs.getString(4)), 1, Integer::sum);
            }
        }
        add(second, here);
    }

    /** One sample taken in {@code second}: connections by "state|database|statement". */
    synchronized void add(long second, Map<String, Integer> connections) {
        Map<String, Integer> bucket = seen.computeIfAbsent(second, k -> new HashMap<>());
        connections.forEach((key, n) -> bucket.merge(key, n, Integer::sum));
        samples.merge(second, 1, Integer::sum);
    }

    /** The start of a statement, on one line: enough to tell which one it is. */
    static String statement(String sql) {
        String line = sql == null ? "" : sql.replaceAll("\\s+", " ").trim();
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }

    /**
     * What the connections did between {@code from} and {@code to}: how many were in each state in
     * an average sample, and the statements that waited for locks and that were last sent before
     * their transactions sat idle, most frequent first, with their share of those samples.
     */
    record Summary(int samples, Map<String, Double> meanConnections, Map<String, Double> lockWaits,
            Map<String, Double> idleAfter) {

        String states() {
            return String.format("%.1f / %.1f / %.1f", meanConnections.getOrDefault(RUNNING, 0.0),
                    meanConnections.getOrDefault(LOCK, 0.0), meanConnections.getOrDefault(IDLE, 0.0));
        }

        /** The most frequent of {@code statements}, with their shares. */
        static String top(Map<String, Double> statements, int n) {
            return statements.entrySet().stream().limit(n)
                    .map(e -> String.format("%.0f %% %s", e.getValue() * 100, e.getKey())).collect(Collectors.joining("; "));
        }

        Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("samples", samples);
            out.put("meanConnections", meanConnections);
            out.put("lockWaitsByStatement", lockWaits);
            out.put("idleInTransactionAfter", idleAfter);
            return out;
        }
    }

    synchronized Summary summary(Instant from, Instant to) {
        Map<String, Integer> total = new HashMap<>();
        seen.subMap(from.getEpochSecond(), true, to.getEpochSecond(), true).values()
                .forEach(bucket -> bucket.forEach((key, n) -> total.merge(key, n, Integer::sum)));
        int taken = samples.subMap(from.getEpochSecond(), true, to.getEpochSecond(), true).values().stream()
                .mapToInt(Integer::intValue).sum();
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String state : List.of(RUNNING, LOCK, IDLE)) {
            int n = total.entrySet().stream().filter(e -> e.getKey().startsWith(state + "|")).mapToInt(Map.Entry::getValue).sum();
            mean.put(state, taken == 0 ? 0.0 : Bench.round((double) n / taken));
        }
        return new Summary(taken, mean, shares(total, LOCK), shares(total, IDLE));
    }

    /** Each statement's share of the connections seen in {@code state}, as "database: statement", largest first. */
    private static Map<String, Double> shares(Map<String, Integer> total, String state) {
        Map<String, Integer> byStatement = new HashMap<>();
        total.forEach((key, n) -> {
            String[] parts = key.split("\\|", 3);
            if (parts[0].equals(state)) {
                byStatement.merge(parts[1] + ": " + parts[2], n, Integer::sum);
            }
        });
        double all = byStatement.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        byStatement.entrySet().stream().sorted(Map.Entry.<String, Integer> comparingByValue(Comparator.reverseOrder()))
                .limit(8).forEach(e -> out.put(e.getKey(), Bench.round4(e.getValue() / all)));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        if (thread.isAlive()) {
            thread.join(5000);
        }
    }
}
