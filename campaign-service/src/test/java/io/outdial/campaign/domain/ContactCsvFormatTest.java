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

/** The CSV dialect contact imports accept (RFC 4180, read leniently where spreadsheets differ) and its bounds. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactCsvFormatTest {

    private static final String HEADER = "phone,firstName,lastName\n";

    /** Each data row as [phone, firstName, lastName] (null when empty), blank rows left out. */
    private static List<List<String>> rows(String csv) throws IOException {
        ContactCsvSource source = new ContactCsvSource(new StringReader(csv));
        List<List<String>> rows = new ArrayList<>();
        ContactImportSource.Row row;
        while ((row = source.next()) != null) {
            List<String> values = new ArrayList<>();
            values.add(row.draft().phone());
            values.add(row.draft().firstName());
            values.add(row.draft().lastName());
            rows.add(values);
        }
        return rows;
    }

    private static List<String> row(String phone, String firstName, String lastName) {
        List<String> values = new ArrayList<>();
        values.add(phone);
        values.add(firstName);
        values.add(lastName);
        return values;
    }

    @Test
    void plainFieldsSplitOnCommasAndRecordsOnLineBreaks() throws IOException {
        assertEquals(List.of(row("1", "a", "b"), row("2", "c", "d")), rows(HEADER + "1,a,b\n2,c,d\n"));
    }

    @Test
    void crlfLoneCrAndMissingFinalLineBreakAllEndRecords() throws IOException {
        assertEquals(List.of(row("1", "a", "b"), row("2", "c", "d"), row("3", "e", "f")),
                rows("phone,firstName,lastName\r\n1,a,b\r2,c,d\r\n3,e,f"));
    }

    @Test
    void quotedFieldsKeepCommasLineBreaksAndDoubledQuotes() throws IOException {
        assertEquals(List.of(row("1", "Smith, John", "line1\r\nline2"), row("2", "say \"hi\"", null)),
                rows(HEADER + "1,\"Smith, John\",\"line1\r\nline2\"\r\n2,\"say \"\"hi\"\"\",\"\"\r\n"));
    }

    @Test
    void aTrailingEmptyFieldIsAValue() throws IOException {
        var row = new ContactCsvSource(new StringReader("phone,firstName\n1,Ann,\n")).next();
        assertEquals("row", row.violations().get(0).field());
        assertTrue(row.violations().get(0).message().contains("has 3 values"), row.violations().toString());
    }

    @Test
    void emptyLinesAreRowsThatAreNumberedButSkipped() throws IOException {
        var source = new ContactCsvSource(new StringReader("phone\r\n1\r\n\r\n\r2\n"));
        assertEquals(1, source.next().number());
        assertEquals(4, source.next().number());
        assertNull(source.next());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsKeptAsText() throws IOException {
        assertEquals(List.of(row("1", "5'10\"", "x")), rows(HEADER + "1,5'10\",x\n"));
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        assertEquals(List.of(row("1", null, null)), rows("\uFEFFphone\n1\n"));
    }

    @Test
    void aHeaderWithoutDataHasNoRows() throws IOException {
        assertEquals(List.of(), rows("phone"));
    }

    @Test
    void anUnterminatedQuoteNamesTheLineItsRecordStartsOn() throws IOException {
        var source = new ContactCsvSource(new StringReader("phone,firstName\n1,\"multi\nline\"\n2,\"open\n3,x\n4,y\n"));
        assertEquals("multi\nline", source.next().draft().firstName());
        var e = assertThrows(MalformedImportException.class, source::next);
        assertEquals("body", e.field());
        assertEquals("is not valid CSV: line 4: a quoted field is not closed (missing '\"')", e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() throws IOException {
        var source = new ContactCsvSource(new StringReader("phone,firstName\n1,\"abc\"def\n"));
        var e = assertThrows(MalformedImportException.class, source::next);
        assertTrue(e.getMessage().startsWith("is not valid CSV: line 2: unexpected text after a closing quote"),
                e.getMessage());
    }

    @Test
    void anOverlongFieldIsMalformed() throws IOException {
        var source = new ContactCsvSource(new StringReader("phone\n" + "9".repeat(11) + "\n"), 10, 5, 1000);
        var e = assertThrows(MalformedImportException.class, source::next);
        assertTrue(e.getMessage().contains("longer than 10 characters"), e.getMessage());
    }

    @Test
    void tooManyFieldsIsMalformed() throws IOException {
        var source = new ContactCsvSource(new StringReader("phone\n1,2,3,4\n"), 10, 3, 1000);
        var e = assertThrows(MalformedImportException.class, source::next);
        assertTrue(e.getMessage().contains("more than 3 fields"), e.getMessage());
    }

    @Test
    void aQuoteThatNeverClosesStopsAtTheRecordBoundInsteadOfReadingTheWholeBody() throws IOException {
        // An endless body after an opening quote: without the bound this would read until memory runs out.
        Reader body = new Reader() {
            private final Reader head = new StringReader("phone,firstName\n1,\"");

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = head.read(buf, off, len);
                if (n > 0) {
                    return n;
                }
                java.util.Arrays.fill(buf, off, off + len, 'x');
                return len;
            }

            @Override
            public void close() {
            }
        };
        var source = new ContactCsvSource(body, 1000, 10, 100_000);
        var e = assertThrows(MalformedImportException.class, source::next);
        assertTrue(e.getMessage().contains("line 2: a record is longer than 100000 characters"), e.getMessage());
    }

    @Test
    void readsIncrementallyFromAnEndlessSource() throws IOException {
        // A body that never ends: rows must come out without reaching the end.
        Reader endless = new Reader() {
            private final Reader head = new StringReader("phone\n");
            private long n;

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int h = head.read(buf, off, len);
                if (h > 0) {
                    return h;
                }
                for (int i = 0; i < len; i++) {
                    buf[off + i] = (n++ % 4 == 3) ? '\n' : '7';
                }
                return len;
            }

            @Override
            public void close() {
            }
        };
        var source = new ContactCsvSource(endless);
        for (int i = 1; i <= 10_000; i++) {
            var row = source.next();
            assertEquals(i, row.number());
            assertEquals("777", row.draft().phone());
        }
    }
}
