package io.outdial.campaign.domain;

import java.io.IOException;
import java.util.List;

/**
 * Contacts read one at a time from an import body (CSV or JSON), so an import of any size needs
 * the memory of one row.
 */
public interface ContactImportSource {

    /**
     * One data row: its 1-based number (a CSV header is not counted), what it says, and the
     * violations found while reading it (e.g. a value of the wrong type) before validation.
     */
    record Row(long number, ContactDraft draft, List<ContactDraft.Violation> violations) {
    }

    /**
     * The next row, or null at the end.
     *
     * @throws MalformedImportException when the structure is broken; nothing of the import counts
     */
    Row next() throws IOException;

    /** How this format names a field of the API (e.g. a CSV column for {@code consent.type}), for row errors. */
    default String field(String apiField) {
        return apiField;
    }

    /** The {@code defaultCountry} the body names (JSON only; null when it names none). */
    default String defaultCountry() {
        return null;
    }
}
