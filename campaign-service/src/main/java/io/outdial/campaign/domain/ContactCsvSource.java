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
 * firstName, lastName, phone (required), email, timezone, companyId, doNotCall, state, consentType,
 * consentObtainedAt, consentSource. Values are trimmed; an empty value is absent. doNotCall reads
 * true/false, yes/no or 1/0. A row whose cells are all empty is skipped but still numbered, so row
 * numbers match the file's data rows. The file is read by {@link CsvRecords}, one record at a time.
 */
public final class ContactCsvSource implements ContactImportSource {

    /** The columns a contacts CSV may have, by their header names. */
    public enum Column {
        FIRST_NAME("firstName"), LAST_NAME("lastName"), PHONE("phone"), EMAIL("email"), TIMEZONE("timezone"),
        COMPANY_ID("companyId"), DO_NOT_CALL("doNotCall"), STATE("state"), CONSENT_TYPE("consentType"),
        CONSENT_OBTAINED_AT("consentObtainedAt"), CONSENT_SOURCE("consentSource");

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

    public static final int DEFAULT_MAX_FIELD_LENGTH = CsvRecords.DEFAULT_MAX_FIELD_LENGTH;
    public static final int DEFAULT_MAX_FIELDS = CsvRecords.DEFAULT_MAX_FIELDS;
    public static final int DEFAULT_MAX_RECORD_LENGTH = CsvRecords.DEFAULT_MAX_RECORD_LENGTH;

    private final CsvRecords csv;
    private final Column[] columns;
    private long rowNumber;

    /**
     * Reads the header.
     *
     * @throws MalformedImportException when there is no header, a column is unknown or repeated, or
     *         there is no phone column
     */
    public ContactCsvSource(Reader reader) throws IOException {
        this(reader, DEFAULT_MAX_FIELD_LENGTH, DEFAULT_MAX_FIELDS, DEFAULT_MAX_RECORD_LENGTH);
    }

    /** With other bounds than the defaults (tests use small ones). */
    ContactCsvSource(Reader reader, int maxFieldLength, int maxFields, int maxRecordLength) throws IOException {
        this.csv = new CsvRecords(reader, maxFieldLength, maxFields, maxRecordLength);
        List<String> header = csv.next();
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
            List<String> record = csv.next();
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

    /** A CSV names the consent's members by their columns: consent.type is the consentType column. */
    @Override
    public String field(String apiField) {
        return switch (apiField) {
            case "consent.type" -> Column.CONSENT_TYPE.header();
            case "consent.obtainedAt" -> Column.CONSENT_OBTAINED_AT.header();
            case "consent.source" -> Column.CONSENT_SOURCE.header();
            default -> apiField;
        };
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
        String consentType = values[Column.CONSENT_TYPE.ordinal()];
        String consentObtainedAt = values[Column.CONSENT_OBTAINED_AT.ordinal()];
        String consentSource = values[Column.CONSENT_SOURCE.ordinal()];
        ContactDraft.ConsentDraft consent = consentType == null && consentObtainedAt == null && consentSource == null
                ? null
                : new ContactDraft.ConsentDraft(consentType, consentObtainedAt, consentSource);
        ContactDraft draft = new ContactDraft(values[Column.FIRST_NAME.ordinal()], values[Column.LAST_NAME.ordinal()],
                values[Column.PHONE.ordinal()], values[Column.EMAIL.ordinal()], values[Column.COMPANY_ID.ordinal()],
                values[Column.TIMEZONE.ordinal()], doNotCall, null, null, values[Column.STATE.ordinal()], consent);
        return new Row(rowNumber, draft, List.copyOf(violations));
    }
}
