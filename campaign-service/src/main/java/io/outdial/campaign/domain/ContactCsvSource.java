package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Contacts from CSV with a header row naming the columns (any order, case-insensitive):
 * firstName, lastName, phone (required), email, timezone, companyId, doNotCall. Values are trimmed;
 * an empty value is absent. doNotCall reads true/false, yes/no or 1/0. A row whose cells are all
 * empty is skipped but still numbered, so row numbers match the file's data rows.
 * <p>
 * The file is RFC 4180 read by Apache Commons CSV one record at a time, so a file of any length
 * needs the memory of one record: records end with CRLF, LF or CR; a quoted field may hold commas,
 * line breaks and doubled quotes; a quote inside an unquoted field is kept as text (spreadsheets
 * write {@code 5'10"}); a UTF-8 byte order mark at the start is skipped. An unterminated quoted
 * field, text after a closing quote, or a record, field or field count over its bound makes the
 * whole body malformed, naming the line the record starts on.
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

    public static final int DEFAULT_MAX_FIELD_LENGTH = 64 * 1024;
    public static final int DEFAULT_MAX_FIELDS = 1_000;
    /** Bounds the characters the parser may hold for one record, e.g. after a quote that never closes. */
    public static final int DEFAULT_MAX_RECORD_LENGTH = 1024 * 1024;

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrailingData(false)
            .setLenientEof(false)
            .get();

    private final CSVParser csv;
    private final Iterator<CSVRecord> records;
    private final RecordBoundedReader bounded;
    private final int maxFieldLength;
    private final int maxFields;
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
        this.maxFieldLength = maxFieldLength;
        this.maxFields = maxFields;
        this.bounded = new RecordBoundedReader(withoutByteOrderMark(reader), maxRecordLength);
        this.csv = CSVParser.builder().setReader(bounded).setFormat(FORMAT).get();
        this.records = csv.iterator();
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
        // Parsing the next record advances the line count past it: where it starts is known only now.
        long line = csv.getCurrentLineNumber() + 1;
        bounded.startRecord();
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException e) {
            throwIfMalformed(line, e.getCause());
            throw e.getCause();
        }
        if (record.size() > maxFields) {
            throw malformed(line, "a record has more than " + maxFields + " fields");
        }
        List<String> values = record.toList();
        for (String value : values) {
            if (value.length() > maxFieldLength) {
                throw malformed(line, "a field is longer than " + maxFieldLength + " characters");
            }
        }
        return values;
    }

    /** A structural error of the CSV is the body's fault; any other read failure stays an I/O error. */
    private void throwIfMalformed(long line, IOException cause) {
        if (cause instanceof RecordTooLongException) {
            throw malformed(line, "a record is longer than " + bounded.maxRecordLength + " characters (is a quote"
                    + " not closed?)");
        }
        if (cause instanceof CSVException) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("EOF reached before encapsulated token finished")) {
                throw malformed(line, "a quoted field is not closed (missing '\"')");
            }
            if (message.contains("Invalid character between encapsulated token and delimiter")) {
                throw malformed(line, "unexpected text after a closing quote (a quote inside a quoted field must be"
                        + " doubled: \"\")");
            }
            throw malformed(line, message);
        }
    }

    private static MalformedImportException malformed(long line, String problem) {
        return new MalformedImportException("body", "is not valid CSV: line " + line + ": " + problem);
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    /** The parser's source was cut off because one record ran past its bound. */
    private static final class RecordTooLongException extends IOException {
        RecordTooLongException() {
            super("record too long");
        }
    }

    /**
     * Counts the characters the parser pulls for the current record and fails past the bound, so
     * that no record (e.g. one opened by a stray quote) can pull a large body into memory. The
     * parser reads ahead by its buffer, so the bound holds give or take that buffer.
     */
    private static final class RecordBoundedReader extends Reader {
        private final Reader in;
        private final long maxRecordLength;
        private long read;
        private long recordStart;

        RecordBoundedReader(Reader in, long maxRecordLength) {
            this.in = in;
            this.maxRecordLength = maxRecordLength;
        }

        void startRecord() {
            recordStart = read;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            // Read-ahead of the previous record counts towards this one: the bound is generous enough.
            if (read - recordStart > maxRecordLength) {
                throw new RecordTooLongException();
            }
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
