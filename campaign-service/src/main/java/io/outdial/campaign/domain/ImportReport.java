package io.outdial.campaign.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The tally of an import: rows imported, rows refused, and the first {@value #MAX_ERRORS} reasons
 * (later failures are counted but not described, so a huge bad file cannot make a huge answer).
 */
public final class ImportReport {

    public static final int MAX_ERRORS = 1_000;

    public record RowError(long row, String field, String message) {
    }

    private UUID importId;
    private long imported;
    private long failed;
    private final List<RowError> errors = new ArrayList<>();

    /** The id stamped on every contact the import created. */
    public void importId(UUID id) {
        importId = id;
    }

    public UUID importId() {
        return importId;
    }

    public void imported(long rows) {
        imported += rows;
    }

    public void failed(long row, List<ContactDraft.Violation> violations) {
        failed++;
        for (ContactDraft.Violation v : violations) {
            if (errors.size() >= MAX_ERRORS) {
                return;
            }
            errors.add(new RowError(row, v.field(), v.message()));
        }
    }

    public long imported() {
        return imported;
    }

    public long failed() {
        return failed;
    }

    public List<RowError> errors() {
        return Collections.unmodifiableList(errors);
    }
}
