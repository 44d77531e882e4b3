package io.outdial.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outdial.testsupport.TestInfrastructure;

/**
 * What PostgreSQL spent executing each statement between two snapshots of
 * {@code pg_stat_statements} (the bench's server preloads it): which of the services' statements
 * the database's time goes to, with their calls, beside the attempts of the same window.
 */
final class StatementStats {

    /** A statement's cumulative calls and execution time (ms) in one database. */
    record Stat(String database, String query, long calls, double totalMs) {
    }

    /** The same statement in two snapshots: what it did in between. */
    record Spent(String database, String query, long calls, double totalMs) {

        String describe(double allMs, long attempts) {
            return String.format("%.0f %% %s: %s (%.1f calls, %.2f ms an attempt)", 100 * totalMs / allMs,
                    database.replaceFirst("^" + Bench.STACK_PREFIX + "_", ""), DatabaseWaits.statement(query),
                    (double) calls / attempts, totalMs / attempts);
        }

        Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("database", database);
            out.put("statement", DatabaseWaits.statement(query));
            out.put("calls", calls);
            out.put("totalMs", Bench.round(totalMs));
            return out;
        }
    }

    private final TestInfrastructure.Database database;

    private StatementStats(TestInfrastructure.Database database) {
        this.database = database;
    }

    /** Statistics read through {@code database}'s connection (they cover every database); null when the server does not keep them. */
    static StatementStats open(TestInfrastructure.Database database) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
            return new StatementStats(database);
        } catch (SQLException notLoaded) {
            Bench.log("PostgreSQL's statement statistics are not available: " + notLoaded.getMessage());
            return null;
        }
    }

    /** Every statement's figures so far, by database, user and query id. */
    Map<String, Stat> snapshot() {
        Map<String, Stat> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("""
                        SELECT d.datname, s.userid, s.queryid, s.query, s.calls, s.total_exec_time
                          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                        """)) {
            while (rows.next()) {
                out.put(rows.getString(1) + "/" + rows.getLong(2) + "/" + rows.getLong(3),
                        new Stat(rows.getString(1), rows.getString(4), rows.getLong(5), rows.getDouble(6)));
            }
        } catch (SQLException unavailable) {
            Bench.log("pg_stat_statements not read: " + unavailable.getMessage());
        }
        return out;
    }

    /** What each statement did from {@code before} to {@code after}, the most time first. */
    static List<Spent> between(Map<String, Stat> before, Map<String, Stat> after) {
        List<Spent> spent = new ArrayList<>();
        after.forEach((key, now) -> {
            Stat then = before.get(key);
            long calls = now.calls() - (then == null ? 0 : then.calls());
            double ms = now.totalMs() - (then == null ? 0 : then.totalMs());
            if (calls > 0 && ms > 0) {
                spent.add(new Spent(now.database(), now.query(), calls, ms));
            }
        });
        spent.sort(Comparator.comparingDouble(Spent::totalMs).reversed());
        return spent;
    }
}
