package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactJsonSourceTest {

    private static ContactJsonSource source(String json) throws IOException {
        return new ContactJsonSource(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsContactsOneByOneWithTheirMembers() throws IOException {
        var source = source("""
                {"defaultCountry": "US", "contacts": [
                  {"phone": "2025550123", "firstName": "Ann", "doNotCall": true, "tags": ["a"], "customFields": {"k": 1}},
                  {"phone": "+4930901820"}
                ]}""");
        var first = source.next();
        assertEquals("US", source.defaultCountry());
        assertEquals(1, first.number());
        assertEquals("Ann", first.draft().firstName());
        assertEquals(Boolean.TRUE, first.draft().doNotCall());
        assertEquals(List.of("a"), first.draft().tags());
        assertEquals(Map.of("k", 1), first.draft().customFields());
        assertEquals(2, source.next().number());
        assertNull(source.next());
    }

    @Test
    void wrongTypesAndUnknownMembersAreViolationsOfTheRow() throws IOException {
        var row = source("{\"contacts\": [{\"phone\": 5, \"doNotCall\": \"yes\", \"nick\": \"x\", \"tags\": [1]}, 7]}");
        var first = row.next();
        assertEquals(List.of("phone", "doNotCall", "nick", "tags[0]"),
                first.violations().stream().map(ContactDraft.Violation::field).toList());
        assertEquals("contact", row.next().violations().get(0).field());
    }

    @Test
    void defaultCountryAfterContactsIsRefused() throws IOException {
        var source = source("{\"contacts\": [], \"defaultCountry\": \"US\"}");
        assertEquals("defaultCountry", assertThrows(MalformedImportException.class, source::next).field());
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedNamingIt() throws IOException {
        assertEquals("contact", assertThrows(MalformedImportException.class, source("{\"contact\": []}")::next).field());
    }

    @Test
    void brokenJsonIsRefusedAsTheBody() throws IOException {
        var source = source("{\"contacts\": [{\"phone\": \"+12025550123\"}, {\"phone\": ");
        source.next();
        assertEquals("body", assertThrows(MalformedImportException.class, source::next).field());
        assertEquals("body", assertThrows(MalformedImportException.class, source("phone,x")::next).field());
        assertEquals("body", assertThrows(MalformedImportException.class, source("[]")::next).field());
    }

    @Test
    void missingContactsIsRefused() throws IOException {
        assertEquals("contacts", assertThrows(MalformedImportException.class, source("{}")::next).field());
    }
}
