package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContactDraftTest {

    private static ContactDraft phoneOnly(String phone) {
        return new ContactDraft(null, null, phone, null, null, null, null, null, null, null, null);
    }

    private static Set<String> fields(ContactDraft.Checked<?> checked) {
        return checked.violations().stream().map(ContactDraft.Violation::field).collect(Collectors.toSet());
    }

    @Test
    void aNewContactGetsE164AndTheTimezoneOfItsNumber() {
        var checked = phoneOnly("+1 (202) 555-0123").toNewContact(null);
        assertTrue(checked.valid());
        assertEquals("+12025550123", checked.value().phone());
        assertEquals("America/New_York", checked.value().timezone());
        assertFalse(checked.value().doNotCall());
        assertEquals(Map.of(), checked.value().customFields());
        assertEquals(List.of(), checked.value().tags());
    }

    @Test
    void aNationalNumberNeedsItsCountry() {
        assertEquals(Set.of("phone"), fields(phoneOnly("(202) 555-0123").toNewContact(null)));
        assertEquals("+12025550123", phoneOnly("(202) 555-0123").toNewContact("us").value().phone());
    }

    @Test
    void anExplicitTimezoneIsKept() {
        var draft = new ContactDraft(null, null, "+12025550123", null, null, "America/Los_Angeles", null, null, null, null, null);
        assertEquals("America/Los_Angeles", draft.toNewContact(null).value().timezone());
    }

    @Test
    void phoneIsRequiredForANewContactButNotForAChange() {
        assertEquals(Set.of("phone"), fields(phoneOnly(null).toNewContact(null)));
        assertTrue(phoneOnly(null).toChanges(null).valid());
        assertEquals(Set.of("phone"), fields(phoneOnly("  ").toChanges(null)));
    }

    @Test
    void timezonesMustBeIanaRegions() {
        assertTrue(ContactDraft.isRegionTimezone("Europe/Berlin"));
        assertFalse(ContactDraft.isRegionTimezone("UTC"));
        assertFalse(ContactDraft.isRegionTimezone("+02:00"));
        assertFalse(ContactDraft.isRegionTimezone("Mars/Olympus"));
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        List<String> tooManyTags = Collections.nCopies(51, "t");
        var draft = new ContactDraft("x".repeat(201), "x".repeat(201), "123", "no-at-sign", "c".repeat(201), "Nowhere",
                null, Map.of("big", "x".repeat(17_000)), tooManyTags, null, null);
        assertEquals(Set.of("firstName", "lastName", "phone", "email", "companyId", "timezone", "customFields", "tags"),
                fields(draft.toNewContact(null)));
    }

    @Test
    void tagsMustBeShortNonBlankStrings() {
        var draft = new ContactDraft(null, null, "+12025550123", null, null, null, null, null,
                new ArrayList<>(Arrays.asList("ok", null, " ", "x".repeat(101))), null, null);
        assertEquals(Set.of("tags[1]", "tags[2]", "tags[3]"), fields(draft.toNewContact(null)));
    }

    @Test
    void aLongEmailIsRefused() {
        var draft = new ContactDraft(null, null, "+12025550123", "a@" + "b".repeat(319), null, null, null, null, null, null, null);
        assertEquals(Set.of("email"), fields(draft.toNewContact(null)));
    }

    @Test
    void anEmailNeedsALocalPartAndADomain() {
        for (String bad : List.of("a@", "@b.com", "a@b", "a b@c.com", "a@@b.com")) {
            var draft = new ContactDraft(null, null, "+12025550123", bad, null, null, null, null, null, null, null);
            assertEquals(Set.of("email"), fields(draft.toNewContact(null)), bad);
        }
        var good = new ContactDraft(null, null, "+12025550123", "ada.lovelace+crm@example.co.uk", null, null, null, null, null,
                null, null);
        assertEquals(Set.of(), fields(good.toNewContact(null)));
    }

    @Test
    void anExtensionIsRefusedRatherThanDropped() {
        for (String phone : List.of("+12025550123;ext=5", "+1 202 555 0123 ext. 5", "+12025550123 x5")) {
            var draft = new ContactDraft(null, null, phone, null, null, null, null, null, null, null, null);
            assertEquals(Set.of("phone"), fields(draft.toNewContact(null)), phone);
        }
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedInEveryTextField() {
        var draft = new ContactDraft("a\u0000", "b\uD800", "+12025550123\u0000", "a@b.c\u0000", "co\u0000", "UTC\u0000", null,
                Map.of("k", "v\u0000"), List.of("\uDC00"), null, null);
        assertEquals(Set.of("firstName", "lastName", "phone", "email", "companyId", "timezone", "customFields.k", "tags[0]"),
                fields(draft.toNewContact(null)));
        var fine = new ContactDraft("Zo\uD83D\uDE00", null, "+12025550123", null, null, null, null, null, null, null, null);
        assertEquals(Set.of(), fields(fine.toNewContact(null)), "a paired surrogate (an emoji) is fine");
    }

    @Test
    void defaultCountryMustBeAKnownRegion() {
        assertTrue(ContactDraft.checkDefaultCountry("DE").isEmpty());
        assertTrue(ContactDraft.checkDefaultCountry(null).isEmpty());
        assertEquals("defaultCountry", ContactDraft.checkDefaultCountry("XX").get().field());
    }

    @Test
    void aChangeLeavesAbsentFieldsNull() {
        var change = new ContactDraft("Ann", null, "+4930901820", null, null, null, null, null, null, null, null)
                .toChanges(null);
        assertEquals("Ann", change.value().firstName());
        assertEquals("+4930901820", change.value().phone());
        assertNull(change.value().timezone());
        assertNull(change.value().doNotCall());
    }

    private static ContactDraft located(String state, ContactDraft.ConsentDraft consent) {
        return new ContactDraft(null, null, "+13055550123", null, null, null, null, null, null, state, consent);
    }

    @Test
    void aStateIsStoredInItsIsoForm() {
        assertEquals("US-FL", located("FL", null).toNewContact(null).value().state());
        assertEquals("US-FL", located("us-fl", null).toNewContact(null).value().state());
        assertEquals("CA-ON", located("ON", null).toNewContact(null).value().state());
        assertNull(located(null, null).toNewContact(null).value().state());
        assertEquals("US-TX", located("TX", null).toChanges(null).value().state());
        for (String bad : List.of("", "Florida", "XX", "UK-FL", "US-ON", "F L")) {
            assertEquals(Set.of("state"), fields(located(bad, null).toNewContact(null)), bad);
            assertEquals(Set.of("state"), fields(located(bad, null).toChanges(null)), bad);
        }
    }

    @Test
    void consentNeedsAKnownTypeAndATimestampWithOffset() {
        var consent = located(null, new ContactDraft.ConsentDraft("express_written", "2026-03-01T10:00:00+01:00", "web form"))
                .toNewContact(null).value().consent();
        assertEquals(io.outdial.campaign.domain.eligibility.ConsentType.EXPRESS_WRITTEN, consent.type());
        assertEquals(java.time.Instant.parse("2026-03-01T09:00:00Z"), consent.obtainedAt());
        assertEquals("web form", consent.source());
        assertNull(located(null, new ContactDraft.ConsentDraft("none", null, null)).toNewContact(null).value().consent()
                .obtainedAt());

        assertEquals(Set.of("consent.type"), fields(located(null, new ContactDraft.ConsentDraft(null, null, "x"))
                .toNewContact(null)));
        assertEquals(Set.of("consent.type"), fields(located(null, new ContactDraft.ConsentDraft("EXPRESS", null, null))
                .toNewContact(null)));
        assertEquals(Set.of("consent.obtainedAt"), fields(located(null,
                new ContactDraft.ConsentDraft("express", "2026-03-01T10:00:00", null)).toNewContact(null)));
        assertEquals(Set.of("consent.source"), fields(located(null,
                new ContactDraft.ConsentDraft("express", null, "s".repeat(501))).toChanges(null)));
    }
}
