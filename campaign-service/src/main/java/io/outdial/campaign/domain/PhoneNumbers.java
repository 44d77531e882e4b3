package io.outdial.campaign.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers through libphonenumber: E.164 normalisation, validity, and the timezone a number implies. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private PhoneNumbers() {
    }

    /** A valid number in E.164 form, and the zone its number range lies in when that is unambiguous. */
    public record Normalized(String e164, Optional<String> timezone) {
    }

    /**
     * Parses {@code raw} (E.164, or a national format when {@code defaultCountry}, an ISO 3166
     * alpha-2 code, is given); empty when it is not a valid, dialable number.
     */
    public static Optional<Normalized> normalize(String raw, String defaultCountry) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        String region = defaultCountry == null ? null : defaultCountry.toUpperCase(Locale.ROOT);
        try {
            PhoneNumber number = UTIL.parse(raw.trim(), region);
            // An extension cannot be dialed by a trunk; dropping it would call someone else's desk.
            if (number.hasExtension() || !UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            List<String> zones = ZONES.getTimeZonesForNumber(number);
            Optional<String> zone = zones.size() == 1 && !zones.get(0).equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                    ? Optional.of(zones.get(0))
                    : Optional.empty();
            return Optional.of(new Normalized(e164, zone));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code code} is a region libphonenumber knows (for {@code defaultCountry}). */
    public static boolean isKnownRegion(String code) {
        return code != null && UTIL.getSupportedRegions().contains(code.toUpperCase(Locale.ROOT));
    }
}
