package io.outdial.campaign.domain.eligibility;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * US states and territories and Canadian provinces and territories, by ISO 3166-2 code (US-FL,
 * CA-ON): the keys of the jurisdiction rules. Reads a contact's {@code state} and the area
 * descriptions of libphonenumber's geocoder ("Florida", "New York, NY", "Nova Scotia/Prince Edward
 * Island").
 */
public final class NorthAmericanSubdivisions {

    private static final Map<String, String> US = names(
            "AL", "Alabama", "AK", "Alaska", "AZ", "Arizona", "AR", "Arkansas", "CA", "California",
            "CO", "Colorado", "CT", "Connecticut", "DE", "Delaware", "FL", "Florida", "GA", "Georgia",
            "HI", "Hawaii", "ID", "Idaho", "IL", "Illinois", "IN", "Indiana", "IA", "Iowa",
            "KS", "Kansas", "KY", "Kentucky", "LA", "Louisiana", "ME", "Maine", "MD", "Maryland",
            "MA", "Massachusetts", "MI", "Michigan", "MN", "Minnesota", "MS", "Mississippi", "MO", "Missouri",
            "MT", "Montana", "NE", "Nebraska", "NV", "Nevada", "NH", "New Hampshire", "NJ", "New Jersey",
            "NM", "New Mexico", "NY", "New York", "NC", "North Carolina", "ND", "North Dakota", "OH", "Ohio",
            "OK", "Oklahoma", "OR", "Oregon", "PA", "Pennsylvania", "RI", "Rhode Island", "SC", "South Carolina",
            "SD", "South Dakota", "TN", "Tennessee", "TX", "Texas", "UT", "Utah", "VT", "Vermont",
            "VA", "Virginia", "WA", "Washington", "WV", "West Virginia", "WI", "Wisconsin", "WY", "Wyoming",
            "DC", "District of Columbia", "PR", "Puerto Rico", "GU", "Guam", "VI", "U.S. Virgin Islands",
            "AS", "American Samoa", "MP", "Northern Mariana Islands");

    private static final Map<String, String> CANADA = names(
            "AB", "Alberta", "BC", "British Columbia", "MB", "Manitoba", "NB", "New Brunswick",
            "NL", "Newfoundland and Labrador", "NS", "Nova Scotia", "NT", "Northwest Territories", "NU", "Nunavut",
            "ON", "Ontario", "PE", "Prince Edward Island", "QC", "Quebec", "SK", "Saskatchewan", "YT", "Yukon");

    /** Geocoder descriptions that are neither a name above nor end in a code: cities, variants, a misspelling. */
    private static final Map<String, String> DESCRIPTION_ALIASES = Map.of(
            "washington state", "US-WA", "washington d.c.", "US-DC", "philadelphia", "US-PA",
            "toronto", "CA-ON", "watson lake", "CA-YT", "british colombia", "CA-BC");

    /** Territories libphonenumber gives a region code of their own. */
    private static final List<String> US_TERRITORY_REGIONS = List.of("PR", "GU", "VI", "AS", "MP");

    private static final Map<String, String> BY_NAME = byName();

    private NorthAmericanSubdivisions() {
    }

    /** Whether {@code isoCode} is one of these subdivisions in ISO 3166-2 form (US-FL). */
    public static boolean isIsoCode(String isoCode) {
        if (isoCode == null || isoCode.length() != 5 || isoCode.charAt(2) != '-') {
            return false;
        }
        String code = isoCode.substring(3);
        return switch (isoCode.substring(0, 2)) {
            case "US" -> US.containsKey(code);
            case "CA" -> CANADA.containsKey(code);
            default -> false;
        };
    }

    /** A contact's {@code state} (FL, fl or US-FL) in ISO 3166-2 form; empty when it is none of these. */
    public static Optional<String> fromStateCode(String state) {
        if (state == null) {
            return Optional.empty();
        }
        String code = state.trim().toUpperCase(Locale.ROOT);
        if (isIsoCode(code)) {
            return Optional.of(code);
        }
        if (US.containsKey(code)) {
            return Optional.of("US-" + code);
        }
        return CANADA.containsKey(code) ? Optional.of("CA-" + code) : Optional.empty();
    }

    /**
     * The subdivisions a geocoder description of a number of {@code regionCode} (libphonenumber's
     * region: US, CA, PR...) names, sorted; empty when it names none (a country, a toll-free range).
     */
    static List<String> fromGeocoderDescription(String regionCode, String description) {
        if (US_TERRITORY_REGIONS.contains(regionCode)) {
            return List.of("US-" + regionCode);
        }
        Map<String, String> codes = switch (regionCode == null ? "" : regionCode) {
            case "US" -> US;
            case "CA" -> CANADA;
            default -> null;
        };
        if (codes == null || description == null || description.isBlank()) {
            return List.of();
        }
        int comma = description.lastIndexOf(", ");
        if (comma >= 0 && codes.containsKey(description.substring(comma + 2))) {
            return List.of(regionCode + "-" + description.substring(comma + 2));
        }
        var found = new TreeSet<String>();
        for (String part : description.split("/")) {
            String key = part.trim().toLowerCase(Locale.ROOT);
            String iso = DESCRIPTION_ALIASES.getOrDefault(key, BY_NAME.get(key));
            if (iso != null && iso.startsWith(regionCode + "-")) {
                found.add(iso);
            }
        }
        return List.copyOf(found);
    }

    private static Map<String, String> names(String... codeThenName) {
        var map = new HashMap<String, String>();
        for (int i = 0; i < codeThenName.length; i += 2) {
            map.put(codeThenName[i], codeThenName[i + 1]);
        }
        return Map.copyOf(map);
    }

    private static Map<String, String> byName() {
        var map = new HashMap<String, String>();
        US.forEach((code, name) -> map.put(name.toLowerCase(Locale.ROOT), "US-" + code));
        CANADA.forEach((code, name) -> map.put(name.toLowerCase(Locale.ROOT), "CA-" + code));
        return Map.copyOf(map);
    }
}
