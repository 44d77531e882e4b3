package io.outdial.campaign.domain.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EligibilityLocationTest {

    private static ContactLocation locate(String phone) {
        return ContactLocator.locate(phone, null, null).orElseThrow();
    }

    private static List<ZoneId> zones(String... ids) {
        return Arrays.stream(ids).map(ZoneId::of).toList();
    }

    @Test
    void aGeographicNumberGivesItsZoneAndItsAreaCodesState() {
        assertEquals(new ContactLocation(zones("America/New_York"), List.of("US-NY")), locate(EligibilityTest.NEW_YORK));
        assertEquals(new ContactLocation(zones("America/New_York"), List.of("US-FL")), locate(EligibilityTest.FLORIDA));
        assertEquals(new ContactLocation(zones("America/Phoenix"), List.of("US-AZ")), locate(EligibilityTest.PHOENIX));
        assertEquals(new ContactLocation(zones("Pacific/Honolulu"), List.of("US-HI")), locate(EligibilityTest.HONOLULU));
        assertEquals(new ContactLocation(zones("America/Toronto"), List.of("CA-ON")), locate("+14165550100"));
    }

    @Test
    void aNumberRangeSpanningZonesGivesThemAll() {
        assertEquals(new ContactLocation(zones("America/Boise", "America/Los_Angeles"), List.of("US-ID")),
                locate(EligibilityTest.IDAHO));
        assertEquals(zones("America/Adak", "America/Anchorage"), locate("+19075550100").zones());
        ContactLocation tollFree = locate(EligibilityTest.TOLL_FREE);
        assertEquals(42, tollFree.zones().size());
        assertTrue(tollFree.zones().containsAll(zones("Pacific/Guam", "Pacific/Pago_Pago", "America/St_Johns")));
        assertEquals(List.of(), tollFree.subdivisions());
    }

    @Test
    void aNumberWithoutAKnownZoneHasNone() {
        ContactLocation satellite = locate(EligibilityTest.SATELLITE);
        assertFalse(satellite.timezoneKnown());
        assertEquals(List.of(), satellite.subdivisions());
    }

    @Test
    void theContactsOwnTimezoneAndStateWin() {
        assertEquals(new ContactLocation(zones("America/Chicago"), List.of("US-OK")),
                ContactLocator.locate(EligibilityTest.NEW_YORK, "America/Chicago", "ok").orElseThrow());
        assertEquals(List.of("US-MD"), ContactLocator.locate(EligibilityTest.NEW_YORK, null, "US-MD").orElseThrow().subdivisions());
        // Values the API would have refused fall back to the number's.
        assertEquals(new ContactLocation(zones("America/New_York"), List.of("US-NY")),
                ContactLocator.locate(EligibilityTest.NEW_YORK, "UTC", "ZZ").orElseThrow());
    }

    @Test
    void anInvalidNumberHasNoLocation() {
        assertEquals(Optional.empty(), ContactLocator.locate("+15555550100", null, null));
        assertEquals(Optional.empty(), ContactLocator.locate(null, "America/New_York", "NY"));
    }

    @Test
    void geocoderDescriptionsReadAsSubdivisions() {
        assertEquals(List.of("US-AZ"), NorthAmericanSubdivisions.fromGeocoderDescription("US", "Tuba City, AZ"));
        assertEquals(List.of("US-FL"), NorthAmericanSubdivisions.fromGeocoderDescription("US", "Florida"));
        assertEquals(List.of("US-WA"), NorthAmericanSubdivisions.fromGeocoderDescription("US", "Washington State"));
        assertEquals(List.of("US-DC"), NorthAmericanSubdivisions.fromGeocoderDescription("US", "Washington D.C."));
        assertEquals(List.of("CA-BC"), NorthAmericanSubdivisions.fromGeocoderDescription("CA", "British Colombia"));
        assertEquals(List.of("CA-NS", "CA-PE"),
                NorthAmericanSubdivisions.fromGeocoderDescription("CA", "Nova Scotia/Prince Edward Island"));
        assertEquals(List.of("US-PR"), NorthAmericanSubdivisions.fromGeocoderDescription("PR", "Puerto Rico"));
        assertEquals(List.of(), NorthAmericanSubdivisions.fromGeocoderDescription("US", "United States"));
        assertEquals(List.of(), NorthAmericanSubdivisions.fromGeocoderDescription("US", ""));
        assertEquals(List.of(), NorthAmericanSubdivisions.fromGeocoderDescription("BS", "Bahamas"));
        // A state name under the other country's region is not taken.
        assertEquals(List.of(), NorthAmericanSubdivisions.fromGeocoderDescription("CA", "Florida"));
    }

    @Test
    void stateCodesReadInEitherForm() {
        assertEquals(Optional.of("US-FL"), NorthAmericanSubdivisions.fromStateCode(" fl "));
        assertEquals(Optional.of("CA-QC"), NorthAmericanSubdivisions.fromStateCode("QC"));
        assertEquals(Optional.of("US-OK"), NorthAmericanSubdivisions.fromStateCode("US-OK"));
        assertEquals(Optional.empty(), NorthAmericanSubdivisions.fromStateCode("CA-FL"));
        assertEquals(Optional.empty(), NorthAmericanSubdivisions.fromStateCode("Florida"));
        assertTrue(NorthAmericanSubdivisions.isIsoCode("US-DC"));
        assertFalse(NorthAmericanSubdivisions.isIsoCode("FL"));
    }
}
