package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DncCsvSourceTest {

    @Test
    void readsNumberAndSourceInAnyOrderSkippingBlankRowsButCountingThem() throws IOException {
        var source = new DncCsvSource(new StringReader("Source,NUMBER\ncrm, +12025550123 \n,\n,+12025550124\nx\n"));
        assertEquals(new DncCsvSource.Row(1, "+12025550123", "crm", null), source.next());
        assertEquals(new DncCsvSource.Row(3, "+12025550124", null, null), source.next());
        var missing = source.next();
        assertEquals(4, missing.number());
        assertEquals("number", missing.problem().field());
        assertNull(source.next());
    }

    @Test
    void aRowWithMoreValuesThanColumnsIsBad() throws IOException {
        var row = new DncCsvSource(new StringReader("number\n+12025550123,extra\n")).next();
        assertEquals("row", row.problem().field());
    }

    @Test
    void theHeaderMustNameANumberColumnAndNothingUnknown() {
        assertEquals("number", assertThrows(MalformedImportException.class,
                () -> new DncCsvSource(new StringReader("source\nx\n"))).field());
        assertEquals("phone", assertThrows(MalformedImportException.class,
                () -> new DncCsvSource(new StringReader("number,phone\n"))).field());
        assertEquals("number", assertThrows(MalformedImportException.class,
                () -> new DncCsvSource(new StringReader("number,Number\n"))).field());
        assertEquals("body", assertThrows(MalformedImportException.class,
                () -> new DncCsvSource(new StringReader(""))).field());
    }

    @Test
    void anUnclosedQuoteBreaksTheBody() throws IOException {
        var source = new DncCsvSource(new StringReader("number\n\"+12025550123\n"));
        assertEquals("body", assertThrows(MalformedImportException.class, source::next).field());
    }
}
