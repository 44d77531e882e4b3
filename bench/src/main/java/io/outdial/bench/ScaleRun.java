package io.outdial.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import com.fasterxml.jackson.databind.JsonNode;

import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;

/**
 * The scale run: a million contacts (by default) imported as CSV through the API, added to one
 * campaign by the import's id, and dialed to completion with zero-length calls. Beside it, the same
 * rows copied into a table of the contacts' shape with {@code COPY FROM STDIN} (what
 * {@code psql \copy} sends): the import's share of the raw speed. The services' peak heaps are
 * what the bench prints for every run.
 */
final class ScaleRun {

    /** The import is to reach this share of {@code COPY}'s speed for the same rows. */
    static final double TARGET_IMPORT_SHARE = 0.5;

    private final Bench bench;
    private final Options options;
    private final TestInfrastructure infra;
    private final CampaignApi api;

    ScaleRun(Bench bench, Options options, TestInfrastructure infra, CampaignApi api) {
        this.bench = bench;
        this.options = options;
        this.infra = infra;
        this.api = api;
    }

    boolean run() throws Exception {
        int contacts = options.integer("contacts", 1_000_000);
        int cap = options.integer("cap", 2000);
        String tag = "s" + Long.toString(System.nanoTime(), 36);

        Bench.log("importing " + contacts + " contacts as CSV ...");
        long t0 = System.nanoTime();
        JsonNode imported = api.postCsv("/api/crm/contacts/import",
                () -> new CsvRows("firstName,lastName,phone", contacts, i -> "Contact," + tag + "-" + i + "," + phone(i)));
        double importSeconds = seconds(t0);
        if (imported.path("imported").asInt() != contacts) {
            throw new IllegalStateException("the import refused rows: " + imported.path("failed") + " failed, first errors "
                    + imported.path("errors"));
        }
        long t1 = System.nanoTime();
        String campaign = api.campaign("bench scale", api.callerIds(), List.of(), cap, 0);
        JsonNode added = api.post("/api/crm/campaigns/" + campaign + "/contacts",
                Map.of("filter", Map.of("importId", imported.get("importId").asText())));
        double addSeconds = seconds(t1);
        Bench.log(String.format("imported in %.1f s, added to the campaign in %.1f s (%d contacts)", importSeconds, addSeconds,
                added.path("totalContacts").asInt()));

        Bench.log("baseline: the same rows through COPY FROM STDIN ...");
        double copySeconds = copyBaseline(contacts, tag);

        Bench.log("dialing to completion (zero-length calls, cap " + cap + ") ...");
        long t2 = System.nanoTime();
        Instant dialFrom = Instant.now();
        api.run(campaign);
        Bench.Outcome outcome = Bench.awaitCompleted(api, campaign, Duration.ofMinutes(options.integer("timeout-minutes", 120)));
        JsonNode last = outcome.last();
        boolean completed = outcome.completed();
        double runSeconds = seconds(t2);
        Instant dialTo = Instant.now();
        int called = last.path("contactsCalled").asInt();
        Bench.log(String.format("%s in %.0f s: %d contacts called; the checker reads them all next ...",
                completed ? "completed" : "NOT completed", runSeconds, called));

        double share = copySeconds / importSeconds;
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("contacts", contacts);
        run.put("maxConcurrentCalls", cap);
        run.put("importSeconds", Bench.round(importSeconds));
        run.put("copySeconds", Bench.round(copySeconds));
        run.put("importShareOfCopy", Bench.round4(share));
        run.put("addToCampaignSeconds", Bench.round(addSeconds));
        run.put("runSeconds", Bench.round(runSeconds));
        run.put("completed", completed);
        run.put("contactsCalled", called);
        bench.result("scaleRun", run);
        bench.row("scale run: contacts in one campaign", Integer.toString(added.path("totalContacts").asInt()), "1,000,000",
                added.path("totalContacts").asInt() >= 1_000_000);
        bench.row("scale run: setup (CSV import + add by importId)", String.format("%.1f s + %.1f s", importSeconds, addSeconds),
                "", true);
        bench.row("contact import / COPY FROM STDIN (raw)", String.format("%.0f / %.0f rows/s = %.2f", contacts / importSeconds,
                contacts / copySeconds, share), "≥ " + TARGET_IMPORT_SHARE, share >= TARGET_IMPORT_SHARE);
        bench.row("scale run: dialed to completion", String.format("%s in %.0f s (%.0f contacts/s)", completed ? "yes" : "NO",
                runSeconds, called / runSeconds), "completes", completed);
        bench.cpuRows("while dialing the scale run", "scaleRun", dialFrom, dialTo, called);
        return bench.checker(infra, api, List.of(campaign)) && completed;
    }

    /**
     * Seconds to COPY the same rows, with what the import works out itself (id, team, time zone)
     * given, into a table made like {@code contacts} with its indexes; dropped afterwards.
     */
    private double copyBaseline(int contacts, String tag) throws Exception {
        TestInfrastructure.Database db = infra.database(Bench.STACK_PREFIX + "_campaign");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_copy");
            s.execute("CREATE TABLE bench_copy (LIKE contacts INCLUDING ALL)");
            String importId = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            new CopyManager(c.unwrap(BaseConnection.class)).copyIn(
                    "COPY bench_copy (id, team_id, first_name, last_name, phone, timezone, import_id) FROM STDIN (FORMAT csv)",
                    new CsvRows(null, contacts, i -> UUID.randomUUID() + "," + SystemStack.TEAM + ",Contact," + tag + "-c" + i + ","
                            + phone(i) + ",America/New_York," + importId));
            double seconds = seconds(t0);
            s.execute("DROP TABLE bench_copy");
            return seconds;
        }
    }

    /** A valid New York number per row: the import checks every one with libphonenumber. */
    private static String phone(int i) {
        return "+1646" + (2_000_000 + i);
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    /** CSV rows made as they are read: a million rows never sit in memory. */
    private static final class CsvRows extends InputStream {
        private final IntFunction<String> row;
        private final int rows;
        private int next;
        private byte[] chunk;
        private int position;

        CsvRows(String header, int rows, IntFunction<String> row) {
            this.rows = rows;
            this.row = row;
            this.chunk = header == null ? new byte[0] : (header + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (position == chunk.length) {
                if (next == rows) {
                    return -1;
                }
                StringBuilder text = new StringBuilder(64 * 1024);
                for (int end = Math.min(rows, next + 1000); next < end; next++) {
                    text.append(row.apply(next)).append('\n');
                }
                chunk = text.toString().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
