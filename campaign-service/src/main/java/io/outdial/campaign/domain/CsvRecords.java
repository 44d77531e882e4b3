package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of an imported CSV body, one at a time, so a file of any length needs the memory of
 * one record. RFC 4180 read by Apache Commons CSV: records end with CRLF, LF or CR; a quoted field
 * may hold commas, line breaks and doubled quotes; a quote inside an unquoted field is kept as text
 * (spreadsheets write {@code 5'10"}); a UTF-8 byte order mark at the start is skipped. An
 * unterminated quoted field, text after a closing quote, or a record, field or field count over its
 * bound makes the whole body malformed, naming the line the record starts on.
 */
public final class CsvRecords {

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

    public CsvRecords(Reader reader) throws IOException {
        this(reader, DEFAULT_MAX_FIELD_LENGTH, DEFAULT_MAX_FIELDS, DEFAULT_MAX_RECORD_LENGTH);
    }

    public CsvRecords(Reader reader, int maxFieldLength, int maxFields, int maxRecordLength) throws IOException {
        this.maxFieldLength = maxFieldLength;
        this.maxFields = maxFields;
        this.bounded = new RecordBoundedReader(withoutByteOrderMark(reader), maxRecordLength);
        this.csv = CSVParser.builder().setReader(bounded).setFormat(FORMAT).get();
        this.records = csv.iterator();
    }

    /**
     * The next record's values (untrimmed), or null at the end.
     *
     * @throws MalformedImportException when the CSV structure is broken or a bound is passed
     */
    public List<String> next() throws IOException {
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
