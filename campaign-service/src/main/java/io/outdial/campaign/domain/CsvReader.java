package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * An incremental RFC 4180 reader: one record at a time from a {@link Reader}, so a file of any
 * length needs the memory of one record. Fields may be quoted; a quoted field may hold commas,
 * line breaks and doubled quotes ({@code ""}). Records end with CRLF, LF or CR. A UTF-8 byte
 * order mark at the start is skipped. A quote inside an unquoted field is kept as a character
 * (lenient, as spreadsheets write {@code 5'10"}); an unterminated quoted field, or text after a
 * closing quote, is a {@link CsvFormatException}. Field length and field count are bounded so that a
 * broken file cannot make one "record" swallow the whole stream.
 */
public final class CsvReader {

    public static final int DEFAULT_MAX_FIELD_LENGTH = 64 * 1024;
    public static final int DEFAULT_MAX_FIELDS = 1_000;

    /** The structure of the input is not CSV; {@link #line()} is the 1-based physical line. */
    public static final class CsvFormatException extends RuntimeException {
        private final long line;

        public CsvFormatException(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final int maxFieldLength;
    private final int maxFields;
    private final char[] buffer = new char[8192];
    private int position;
    private int length;
    private boolean started;
    private long line = 1;
    private long recordLine;

    public CsvReader(Reader in) {
        this(in, DEFAULT_MAX_FIELD_LENGTH, DEFAULT_MAX_FIELDS);
    }

    public CsvReader(Reader in, int maxFieldLength, int maxFields) {
        this.in = in;
        this.maxFieldLength = maxFieldLength;
        this.maxFields = maxFields;
    }

    /** The physical line (1-based) the record last returned started on. */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of the input. An empty line is a record of one
     * empty field; a line break right before the end of input ends the last record and adds none.
     */
    public List<String> next() throws IOException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"') {
                long opened = line;
                while (true) {
                    c = read();
                    if (c == EOF) {
                        throw new CsvFormatException(opened, "a quoted field is not closed (missing '\"')");
                    }
                    if (c == '"') {
                        if (peek() == '"') {
                            read();
                        } else {
                            break;
                        }
                    } else if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c);
                }
                c = read();
                if (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                    throw new CsvFormatException(line, "unexpected text after a closing quote (a quote inside a quoted"
                            + " field must be doubled: \"\")");
                }
            } else {
                while (c != ',' && c != '\r' && c != '\n' && c != EOF) {
                    append(field, (char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (fields.size() > maxFields) {
                throw new CsvFormatException(recordLine, "a record has more than " + maxFields + " fields");
            }
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return fields;
        }
    }

    private void append(StringBuilder field, char c) {
        if (field.length() >= maxFieldLength) {
            throw new CsvFormatException(recordLine, "a field is longer than " + maxFieldLength + " characters");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (position == length && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == length && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        length = n;
        return true;
    }
}
