package io.outdial.campaign.application;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An export read batch by batch, each batch starting after the last row of the one before (keyset),
 * so only one batch is ever in memory. The first batch is read when the export is opened: a source
 * that cannot be read refuses the request before its answer has started. Blocking: use it on a
 * worker thread.
 */
public final class ExportBatches<T> {

    private final int size;
    private final Function<T, List<T>> after;
    private final List<T> first;

    /** {@code after} reads the batch after a row, or the first one for null; a batch shorter than {@code size} is the last. */
    ExportBatches(int size, Function<T, List<T>> after) {
        this.size = size;
        this.after = after;
        this.first = after.apply(null);
    }

    /** Hands every batch to {@code sink}, reading the next one only when the sink has taken the last. */
    public void forEach(Consumer<List<T>> sink) {
        List<T> batch = first;
        while (!batch.isEmpty()) {
            sink.accept(batch);
            batch = batch.size() < size ? List.of() : after.apply(batch.get(batch.size() - 1));
        }
    }
}
