package io.outdial.campaign.persistence;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Do-not-call imports: batches of numbers streamed through one transaction on the reactive client. */
@ApplicationScoped
public class DncStore {

    /** Numbers per INSERT of an import. */
    public static final int IMPORT_BATCH_SIZE = 1000;

    // One statement per batch; a number listed before (or twice in the batch) is left as it is.
    private static final String IMPORT_INSERT = """
            INSERT INTO dnc_numbers (team_id, number, source, created_at)
            SELECT $1, n.number, n.source, clock_timestamp() FROM unnest($2::text[], $3::text[]) AS n(number, source)
            ON CONFLICT (team_id, number) DO NOTHING
            """;

    private final Pool pool;

    public DncStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Starts an import: one transaction on one connection, so a broken file lists nothing.
     * Blocking: call it, and the returned import's methods, on a worker thread.
     */
    public DncImport beginImport(String teamId) {
        return new DncImport(WorkerTransaction.begin(pool), teamId);
    }

    /** The numbers of one import, written in batches; nothing is visible before commit. */
    public static final class DncImport implements AutoCloseable {
        private final WorkerTransaction tx;
        private final String teamId;
        private final List<String> numbers = new ArrayList<>(IMPORT_BATCH_SIZE);
        private final List<String> sources = new ArrayList<>(IMPORT_BATCH_SIZE);
        private long offered;
        private long listed;

        DncImport(WorkerTransaction tx, String teamId) {
            this.tx = tx;
            this.teamId = teamId;
        }

        /** Adds an E.164 number; writes a batch when enough are pending. */
        public void add(String e164, String source) {
            numbers.add(e164);
            sources.add(source);
            offered++;
            if (numbers.size() >= IMPORT_BATCH_SIZE) {
                flush();
            }
        }

        private void flush() {
            if (numbers.isEmpty()) {
                return;
            }
            var result = tx.execute(IMPORT_INSERT,
                    Tuple.of(teamId, numbers.toArray(new String[0]), sources.toArray(new String[0])));
            listed += result.rowCount();
            numbers.clear();
            sources.clear();
        }

        /** Writes what is pending and commits. */
        public Outcome commit() {
            flush();
            tx.commit();
            return new Outcome(listed, offered - listed);
        }

        /** Rolls back unless committed, and returns the connection. */
        @Override
        public void close() {
            tx.close();
        }
    }

    /** Numbers the import listed, and those that were on the list already (or repeated in the file). */
    public record Outcome(long listed, long alreadyListed) {
    }
}
