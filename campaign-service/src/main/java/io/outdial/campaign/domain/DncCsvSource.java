package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;

/**
 * Do-not-call numbers from CSV with a header row: a {@code number} column (required) and an
 * optional {@code source} column, any order, case-insensitive. Values are trimmed; a row whose
 * cells are all empty is skipped but still numbered. Read by {@link CsvRecords}, one record at a time.
 */
public final class DncCsvSource {

    public static final String NUMBER = "number";
    public static final String SOURCE = "source";

    /** One data row, numbered from 1 after the header; {@code problem} is set when the row is bad as read. */
    public record Row(long number, String phone, String source, ContactDraft.Violation problem) {
    }

    private final CsvRecords csv;
    private final int numberColumn;
    private final int sourceColumn;
    private final int columns;
    private long rowNumber;

    /**
     * Reads the header.
     *
     * @throws MalformedImportException when there is no header, a column is unknown or repeated, or
     *         there is no number column
     */
    public DncCsvSource(Reader reader) throws IOException {
        this.csv = new CsvRecords(reader);
        List<String> header = csv.next();
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new MalformedImportException("body", "the first line must be a header naming the columns (number,"
                    + " source)");
        }
        int number = -1;
        int source = -1;
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case NUMBER -> number = once(number, i, NUMBER);
                case SOURCE -> source = once(source, i, SOURCE);
                default -> throw new MalformedImportException(name.isEmpty() ? "header" : header.get(i).trim(),
                        name.isEmpty() ? "column " + (i + 1) + " of the header has no name"
                                : "unknown column '" + header.get(i).trim() + "'; the columns are number, source");
            }
        }
        if (number < 0) {
            throw new MalformedImportException(NUMBER, "the header must have a number column");
        }
        this.numberColumn = number;
        this.sourceColumn = source;
        this.columns = header.size();
    }

    private static int once(int seen, int index, String name) {
        if (seen >= 0) {
            throw new MalformedImportException(name, "column '" + name + "' appears twice in the header");
        }
        return index;
    }

    /**
     * The next row, or null at the end.
     *
     * @throws MalformedImportException when the CSV structure is broken; nothing of the import counts
     */
    public Row next() throws IOException {
        while (true) {
            List<String> record = csv.next();
            if (record == null) {
                return null;
            }
            rowNumber++;
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            String phone = value(record, numberColumn);
            String source = sourceColumn < 0 ? null : value(record, sourceColumn);
            ContactDraft.Violation problem = null;
            if (record.size() > columns) {
                problem = new ContactDraft.Violation("row", "has " + record.size() + " values but the header has "
                        + columns + " columns");
            } else if (phone == null) {
                problem = new ContactDraft.Violation(NUMBER, "is required");
            }
            return new Row(rowNumber, phone, source, problem);
        }
    }

    private static String value(List<String> record, int column) {
        if (column >= record.size()) {
            return null;
        }
        String value = record.get(column).trim();
        return value.isEmpty() ? null : value;
    }
}
