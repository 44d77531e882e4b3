package io.outdial.bench;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;

/**
 * Where a callee may be (DESIGN 4b): the contact's own timezone and state when set, else every zone
 * libphonenumber gives the number and the US state or Canadian province of its area code. Legal
 * hours must hold in every zone, and the rules of every subdivision apply. {@code zones} is empty
 * when the location is unknown (an invalid number, or a zone the JDK lacks: dropping it would widen
 * the hours).
 */
record CalleeLocation(boolean validNumber, List<ZoneId> zones, Set<String> subdivisions) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();
    private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();
    private static final Set<String> JDK_ZONES = ZoneId.getAvailableZoneIds();

    private static final String[] US_STATES = {
            "AL", "Alabama", "AK", "Alaska", "AZ", "Arizona", "AR", "Arkansas", "CA", "California", "CO", "Colorado",
            "CT", "Connecticut", "DE", "Delaware", "DC", "District of Columbia", "FL", "Florida", "GA", "Georgia",
            "HI", "Hawaii", "ID", "Idaho", "IL", "Illinois", "IN", "Indiana", "IA", "Iowa", "KS", "Kansas",
            "KY", "Kentucky", "LA", "Louisiana", "ME", "Maine", "MD", "Maryland", "MA", "Massachusetts",
            "MI", "Michigan", "MN", "Minnesota", "MS", "Mississippi", "MO", "Missouri", "MT", "Montana",
            "NE", "Nebraska", "NV", "Nevada", "NH", "New Hampshire", "NJ", "New Jersey", "NM", "New Mexico",
            "NY", "New York", "NC", "North Carolina", "ND", "North Dakota", "OH", "Ohio", "OK", "Oklahoma",
            "OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina", "SD", "South Dakota",
            "TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VT", "Vermont", "VA", "Virginia", "WA", "Washington",
            "WV", "West Virginia", "WI", "Wisconsin", "WY", "Wyoming", "PR", "Puerto Rico", "GU", "Guam",
            "VI", "U.S. Virgin Islands", "AS", "American Samoa", "MP", "Northern Mariana Islands" };
    private static final String[] CA_PROVINCES = {
            "AB", "Alberta", "BC", "British Columbia", "MB", "Manitoba", "NB", "New Brunswick",
            "NL", "Newfoundland and Labrador", "NS", "Nova Scotia", "NT", "Northwest Territories", "NU", "Nunavut",
            "ON", "Ontario", "PE", "Prince Edward Island", "QC", "Quebec", "SK", "Saskatchewan", "YT", "Yukon" };
    /** ISO 3166-2 code (US-FL) by bare code (FL), full code and lower-case name; US and Canadian codes do not clash. */
    private static final Map<String, String> SUBDIVISIONS = subdivisionTable();

    CalleeLocation {
        zones = List.copyOf(zones);
        subdivisions = Set.copyOf(subdivisions);
    }

    static CalleeLocation of(String number, String timezone, String state) {
        PhoneNumber parsed = parse(number);
        if (parsed == null || !PHONES.isValidNumber(parsed)) {
            return new CalleeLocation(false, List.of(), Set.of());
        }
        List<ZoneId> zones = regionZone(timezone).map(List::of).orElseGet(() -> {
            List<String> ids = ZONES.getTimeZonesForNumber(parsed);
            boolean known = !ids.isEmpty() && !ids.contains(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                    && JDK_ZONES.containsAll(ids);
            return known ? ids.stream().map(ZoneId::of).toList() : List.of();
        });
        String own = state == null ? null : SUBDIVISIONS.get(state.trim().toLowerCase(Locale.ROOT));
        Set<String> subdivisions = own != null ? Set.of(own) : fromNumber(parsed);
        return new CalleeLocation(true, zones, subdivisions);
    }

    private static PhoneNumber parse(String number) {
        try {
            return number == null ? null : PHONES.parse(number, null);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static Optional<ZoneId> regionZone(String timezone) {
        if (timezone == null || !timezone.contains("/")) {
            return Optional.empty(); // offsets (+02:00) are refused by the API: no DST rules
        }
        try {
            return Optional.of(ZoneId.of(timezone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The subdivisions the geocoder names for a North American number: "Miami, FL" by its code,
     * "Florida" or "Nova Scotia/Prince Edward Island" by name; US territories by their region.
     */
    private static Set<String> fromNumber(PhoneNumber number) {
        String region = PHONES.getRegionCodeForNumber(number);
        if (region == null) {
            return Set.of();
        }
        if (!region.equals("US") && !region.equals("CA")) {
            String territory = SUBDIVISIONS.get(region.toLowerCase(Locale.ROOT));
            return territory != null && territory.startsWith("US-") ? Set.of(territory) : Set.of();
        }
        String description = GEOCODER.getDescriptionForNumber(number, Locale.ENGLISH);
        Set<String> found = new TreeSet<>();
        int comma = description.lastIndexOf(", ");
        String tail = comma < 0 ? null : SUBDIVISIONS.get(description.substring(comma + 2).trim().toLowerCase(Locale.ROOT));
        if (tail != null && tail.startsWith(region + "-")) {
            found.add(tail);
            return found;
        }
        for (String part : description.split("/")) {
            String code = SUBDIVISIONS.get(part.trim().toLowerCase(Locale.ROOT));
            if (code != null && code.startsWith(region + "-") && part.trim().length() > 2) {
                found.add(code);
            }
        }
        return found;
    }

    private static Map<String, String> subdivisionTable() {
        Map<String, String> map = new HashMap<>();
        for (String[] table : List.of(US_STATES, CA_PROVINCES)) {
            String country = table == US_STATES ? "US-" : "CA-";
            for (int i = 0; i < table.length; i += 2) {
                String iso = country + table[i];
                map.put(table[i].toLowerCase(Locale.ROOT), iso);
                map.put(iso.toLowerCase(Locale.ROOT), iso);
                map.put(table[i + 1].toLowerCase(Locale.ROOT), iso);
            }
        }
        // Geocoder descriptions of US and Canadian ranges that are neither a name above nor end in a code.
        map.put("washington state", "US-WA");
        map.put("washington d.c.", "US-DC");
        map.put("philadelphia", "US-PA");
        map.put("toronto", "CA-ON");
        map.put("watson lake", "CA-YT");
        map.put("british colombia", "CA-BC");
        return Map.copyOf(map);
    }

    /** The number in E.164, as the API stores contacts' phones and do-not-call entries; as given when it does not parse. */
    static String e164(String number) {
        if (number == null) {
            return null;
        }
        try {
            return PHONES.format(PHONES.parse(number, null), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return number;
        }
    }

    boolean known() {
        return !zones.isEmpty();
    }
}
