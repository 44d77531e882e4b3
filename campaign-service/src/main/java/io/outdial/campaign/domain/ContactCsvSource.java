package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Contacts from CSV with a header row naming the columns (any order, case-insensitive):
 * firstName, lastName, phone (required), email, timezone, companyId, doNotCall. Values are trimmed;
 * an empty value is absent. doNotCall reads true/false, yes/no or 1/0. A row whose cells are all
 * empty is skipped but still numbered, so row numbers match the file's data rows.
 */
public final class ContactCsvSource implements ContactImportSource {

    /** The columns a contacts CSV may have, by their header names. */
    public enum Column {
        FIRST_NAME("firstName"), LAST_NAME("lastName"), PHONE("phone"), EMAIL("email"), TIMEZONE("timezone"),
        COMPANY_ID("companyId"), DO_NOT_CALL("doNotCall");

        private final String header;

        Column(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }

        static Column byHeader(String name) {
            for (Column c : values()) {
                if (c.header.equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }

        static String allowed() {
            return Arrays.stream(values()).map(Column::header).collect(Collectors.joining(", "));
        }
    }

    private final CsvReader csv;
    private final Column[] columns;
    private long rowNumber;

    /**
     * Reads the header.
     *
     * @throws MalformedImportException when there is no header, a column is unknown or repeated, or
     *         there is no phone column
     */
    public ContactCsvSource(Reader reader) throws IOException {
        this.csv = new CsvReader(reader);
        List<String> header = read();
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new MalformedImportException("body", "the first line must be a header naming the columns ("
                    + Column.allowed() + ")");
        }
        columns = new Column[header.size()];
        Set<Column> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                throw new MalformedImportException("header", "column " + (i + 1) + " of the header has no name");
            }
            Column column = Column.byHeader(name);
            if (column == null) {
                throw new MalformedImportException(name, "unknown column '" + name + "'; the columns are "
                        + Column.allowed());
            }
            if (!seen.add(column)) {
                throw new MalformedImportException(column.header(), "column '" + name + "' appears twice in the header");
            }
            columns[i] = column;
        }
        if (!seen.contains(Column.PHONE)) {
            throw new MalformedImportException("phone", "the header must have a phone column");
        }
    }

    @Override
    public Row next() throws IOException {
        while (true) {
            List<String> record = read();
            if (record == null) {
                return null;
            }
            rowNumber++;
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            return toRow(record);
        }
    }

    private Row toRow(List<String> record) {
        List<ContactDraft.Violation> violations = new ArrayList<>();
        if (record.size() > columns.length) {
            violations.add(new ContactDraft.Violation("row", "has " + record.size() + " values but the header has "
                    + columns.length + " columns"));
        }
        String[] values = new String[Column.values().length];
        for (int i = 0; i < columns.length && i < record.size(); i++) {
            String value = record.get(i).trim();
            values[columns[i].ordinal()] = value.isEmpty() ? null : value;
        }
        Boolean doNotCall = null;
        String rawDoNotCall = values[Column.DO_NOT_CALL.ordinal()];
        if (rawDoNotCall != null) {
            switch (rawDoNotCall.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> doNotCall = true;
                case "false", "no", "0" -> doNotCall = false;
                default -> violations.add(new ContactDraft.Violation("doNotCall", "must be true or false"));
            }
        }
        ContactDraft draft = new ContactDraft(values[Column.FIRST_NAME.ordinal()], values[Column.LAST_NAME.ordinal()],
                values[Column.PHONE.ordinal()], values[Column.EMAIL.ordinal()], values[Column.COMPANY_ID.ordinal()],
                values[Column.TIMEZONE.ordinal()], doNotCall, null, null);
        return new Row(rowNumber, draft, List.copyOf(violations));
    }

    private List<String> read() throws IOException {
        try {
            return csv.next();
        } catch (CsvReader.CsvFormatException e) {
            throw new MalformedImportException("body", "is not valid CSV: " + e.getMessage());
        }
    }
}
