package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactCsvSourceTest {

    private static ContactCsvSource source(String csv) throws IOException {
        return new ContactCsvSource(new StringReader(csv));
    }

    @Test
    void columnsMayComeInAnyOrderAndAnyCase() throws IOException {
        var source = source("PHONE,lastname,firstName,doNotCall\n+12025550123,\"O'Neil, Jr.\", Ann ,yes\n");
        var row = source.next();
        assertEquals(1, row.number());
        assertEquals("+12025550123", row.draft().phone());
        assertEquals("O'Neil, Jr.", row.draft().lastName());
        assertEquals("Ann", row.draft().firstName());
        assertEquals(Boolean.TRUE, row.draft().doNotCall());
        assertEquals(List.of(), row.violations());
        assertNull(source.next());
    }

    @Test
    void emptyCellsAreAbsent() throws IOException {
        var row = source("phone,email,timezone\n+12025550123,,\n").next();
        assertNull(row.draft().email());
        assertNull(row.draft().timezone());
    }

    @Test
    void rowsAreNumberedFromOneAfterTheHeaderCountingBlankRows() throws IOException {
        var source = source("phone\n+12025550123\n\n,\n+12025550124\n");
        assertEquals(1, source.next().number());
        assertEquals(4, source.next().number());
        assertNull(source.next());
    }

    @Test
    void anUnreadableDoNotCallIsAViolationOfTheRow() throws IOException {
        var row = source("phone,doNotCall\n+12025550123,maybe\n").next();
        assertEquals(List.of(new ContactDraft.Violation("doNotCall", "must be true or false")), row.violations());
    }

    @Test
    void moreValuesThanColumnsIsAViolationOfTheRow() throws IOException {
        var row = source("phone\n+12025550123,extra\n").next();
        assertEquals("row", row.violations().get(0).field());
    }

    @Test
    void anUnknownColumnIsRefusedNamingIt() {
        var e = assertThrows(MalformedImportException.class, () -> source("phone,nickname\n+12025550123,x\n"));
        assertEquals("nickname", e.field());
    }

    @Test
    void aHeaderWithoutPhoneIsRefused() {
        var e = assertThrows(MalformedImportException.class, () -> source("firstName,email\nAnn,a@b.c\n"));
        assertEquals("phone", e.field());
    }

    @Test
    void aRepeatedColumnIsRefused() {
        var e = assertThrows(MalformedImportException.class, () -> source("phone,Phone\n"));
        assertEquals("phone", e.field());
    }

    @Test
    void anEmptyBodyHasNoHeaderAndIsRefused() {
        var e = assertThrows(MalformedImportException.class, () -> source(""));
        assertEquals("body", e.field());
    }

    @Test
    void brokenCsvIsRefusedAsTheBody() throws IOException {
        var source = source("phone,firstName\n+12025550123,\"unterminated\n");
        var e = assertThrows(MalformedImportException.class, source::next);
        assertEquals("body", e.field());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
