package io.outdial.campaign.domain.eligibility;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;

import io.outdial.campaign.domain.ContactDraft;

/**
 * Finds where a contact may be: its own timezone and state when it has them, else what libphonenumber
 * tells of its number (every zone of the number's range; the state or province of its area code).
 */
public final class ContactLocator {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();
    private static final Set<String> JAVA_ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private ContactLocator() {
    }

    /**
     * The location of a contact with this number (E.164) and, when set, timezone (IANA region id)
     * and state (FL or US-FL); empty when the number is not a valid one. A timezone or state that
     * cannot be read is ignored in favour of the number's (the API validates them on input).
     */
    public static Optional<ContactLocation> locate(String phone, String timezone, String state) {
        String key = phone + '|' + timezone + '|' + state;
        synchronized (RECENT) {
            Optional<ContactLocation> known = RECENT.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<ContactLocation> location = lookUp(phone, timezone, state);
        synchronized (RECENT) {
            RECENT.put(key, location);
        }
        return location;
    }

    /**
     * Locations recently looked up: the feeder and the claim ask about the same numbers again and
     * again, and parsing and geocoding a number costs more than the rest of a decision.
     */
    private static final int REMEMBERED = 20_000;
    private static final Map<String, Optional<ContactLocation>> RECENT = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<ContactLocation>> eldest) {
            return size() > REMEMBERED;
        }
    };

    private static Optional<ContactLocation> lookUp(String phone, String timezone, String state) {
        Optional<PhoneNumber> number = parse(phone);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        List<ZoneId> zones = ContactDraft.isRegionTimezone(timezone) ? List.of(ZoneId.of(timezone)) : zonesOf(number.get());
        List<String> subdivisions = NorthAmericanSubdivisions.fromStateCode(state)
                .map(List::of)
                .orElseGet(() -> NorthAmericanSubdivisions.fromGeocoderDescription(UTIL.getRegionCodeForNumber(number.get()),
                        GEOCODER.getDescriptionForNumber(number.get(), Locale.ENGLISH)));
        return Optional.of(new ContactLocation(zones, subdivisions));
    }

    private static Optional<PhoneNumber> parse(String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(phone, null);
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Every zone of the number's range; none when libphonenumber knows none or names one the JDK
     * lacks, since dropping a zone would widen the hours.
     */
    private static List<ZoneId> zonesOf(PhoneNumber number) {
        List<String> ids = ZONES.getTimeZonesForNumber(number);
        if (ids.isEmpty() || ids.contains(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                || !JAVA_ZONE_IDS.containsAll(ids)) {
            return List.of();
        }
        return ids.stream().map(ZoneId::of).toList();
    }
}
