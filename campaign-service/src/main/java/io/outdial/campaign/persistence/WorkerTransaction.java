package io.outdial.campaign.persistence;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One transaction on one connection for a blocking caller (a streamed import on a worker thread):
 * nothing it writes is visible before {@link #commit()}, and {@link #close()} rolls back what was
 * not committed and returns the connection.
 */
public final class WorkerTransaction implements AutoCloseable {

    private final SqlConnection connection;
    private final Transaction tx;
    private boolean committed;

    private WorkerTransaction(SqlConnection connection, Transaction tx) {
        this.connection = connection;
        this.tx = tx;
    }

    public static WorkerTransaction begin(Pool pool) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            return new WorkerTransaction(connection, connection.begin().await().indefinitely());
        } catch (RuntimeException e) {
            connection.close().await().indefinitely();
            throw e;
        }
    }

    public RowSet<Row> execute(String sql, Tuple args) {
        return connection.preparedQuery(sql).execute(args).await().indefinitely();
    }

    /** Starts a statement and returns at once: the caller goes on while the server runs it. */
    public java.util.concurrent.CompletableFuture<RowSet<Row>> executeAsync(String sql, Tuple args) {
        return connection.preparedQuery(sql).execute(args).subscribeAsCompletionStage();
    }

    /** Runs reactive work on this transaction's connection and waits for it. */
    public <T> T run(Function<SqlConnection, Uni<T>> work) {
        return work.apply(connection).await().indefinitely();
    }

    public void commit() {
        tx.commit().await().indefinitely();
        committed = true;
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                tx.rollback().await().indefinitely();
            }
        } finally {
            connection.close().await().indefinitely();
        }
    }
}
