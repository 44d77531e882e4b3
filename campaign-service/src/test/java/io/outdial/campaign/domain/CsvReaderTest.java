package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CsvReaderTest {

    private static List<List<String>> readAll(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        List<String> record;
        while ((record = reader.next()) != null) {
            records.add(record);
        }
        return records;
    }

    @Test
    void plainFieldsSplitOnCommasAndRecordsOnLineBreaks() throws IOException {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1", "2", "3")), readAll("a,b,c\n1,2,3\n"));
    }

    @Test
    void crlfLoneCrAndMissingFinalLineBreakAllEndRecords() throws IOException {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2"), List.of("x", "y")), readAll("a,b\r\n1,2\rx,y"));
    }

    @Test
    void quotedFieldsKeepCommasLineBreaksAndDoubledQuotes() throws IOException {
        assertEquals(List.of(List.of("Smith, John", "line1\r\nline2", "say \"hi\"", "")),
                readAll("\"Smith, John\",\"line1\r\nline2\",\"say \"\"hi\"\"\",\"\"\r\n"));
    }

    @Test
    void emptyFieldsAreKeptIncludingTrailingOnes() throws IOException {
        assertEquals(List.of(List.of("", "b", ""), List.of("", "", "")), readAll(",b,\n,,\n"));
    }

    @Test
    void anEmptyLineIsARecordOfOneEmptyField() throws IOException {
        assertEquals(List.of(List.of("a"), List.of(""), List.of("b")), readAll("a\n\nb\n"));
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsText() throws IOException {
        assertEquals(List.of(List.of("5'10\"", "x")), readAll("5'10\",x\n"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        assertEquals(List.of(List.of("phone")), readAll("\uFEFFphone\n"));
    }

    @Test
    void anEmptyInputHasNoRecords() throws IOException {
        assertEquals(List.of(), readAll(""));
    }

    @Test
    void anUnterminatedQuoteIsAFormatErrorNamingTheLineItOpened() {
        var e = assertThrows(CsvReader.CsvFormatException.class, () -> readAll("a,b\n1,\"open\n2,3\n"));
        assertEquals(2, e.line());
    }

    @Test
    void textAfterAClosingQuoteIsAFormatError() {
        assertThrows(CsvReader.CsvFormatException.class, () -> readAll("\"abc\"def,x\n"));
    }

    @Test
    void anOverlongFieldIsAFormatErrorInsteadOfUnboundedMemory() {
        var e = assertThrows(CsvReader.CsvFormatException.class,
                () -> new CsvReader(new StringReader("\"" + "x".repeat(100)), 10, 5).next());
        assertTrue(e.getMessage().contains("longer than 10"));
    }

    @Test
    void tooManyFieldsIsAFormatError() {
        assertThrows(CsvReader.CsvFormatException.class, () -> new CsvReader(new StringReader("a,b,c,d\n"), 10, 3).next());
    }

    @Test
    void recordLineIsThePhysicalLineARecordStartsOn() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("h\n\"multi\nline\"\nnext\n"));
        reader.next();
        assertEquals(1, reader.recordLine());
        reader.next();
        assertEquals(2, reader.recordLine());
        reader.next();
        assertEquals(4, reader.recordLine());
        assertNull(reader.next());
    }

    @Test
    void readsIncrementallyFromAnEndlessSource() throws IOException {
        // A reader that never ends: the parser must return records without reaching the end.
        Reader endless = new Reader() {
            private long n;

            @Override
            public int read(char[] buf, int off, int len) {
                for (int i = 0; i < len; i++) {
                    buf[off + i] = (n++ % 4 == 3) ? '\n' : 'x';
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        CsvReader reader = new CsvReader(endless);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(List.of("xxx"), reader.next());
        }
    }
}
