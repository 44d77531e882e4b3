package io.outdial.campaign.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.domain.eligibility.ConsentType;
import io.outdial.campaign.domain.eligibility.NorthAmericanSubdivisions;

/**
 * A contact as a client sent it (API body, CSV row or JSON import element), before validation.
 * Every member may be null: for a new contact only {@code phone} is required; for a change, null
 * means "unchanged". Validation collects every violation, so one answer names all bad fields.
 * {@code state} is a US state or territory or Canadian province code (FL, or US-FL) and is stored in
 * its ISO 3166-2 form; a given {@code consent} replaces the recorded one as a whole.
 */
public record ContactDraft(String firstName, String lastName, String phone, String email, String companyId,
        String timezone, Boolean doNotCall, Map<String, Object> customFields, List<String> tags, String state,
        ConsentDraft consent) {

    /** A contact's consent as a client sent it: type required, obtainedAt an ISO 8601 timestamp with offset. */
    public record ConsentDraft(String type, String obtainedAt, String source) {

        /** The recorded consent; call only on a draft that passed validation. */
        public ContactConsent toConsent() {
            return new ContactConsent(ConsentType.fromWire(type), obtainedAt == null ? null : parseTimestamp(obtainedAt),
                    source);
        }
    }

    public static final int MAX_CONSENT_SOURCE_LENGTH = 500;

    /** Something, an @, a domain with a dot: rejects "a@" and "@b" without guessing at every valid address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EMAIL_LENGTH = 320;
    public static final int MAX_COMPANY_ID_LENGTH = 200;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_LENGTH = 100;
    /** Limit of {@code customFields} serialised as JSON (UTF-8 bytes). */
    public static final int MAX_CUSTOM_FIELDS_BYTES = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One reason a contact is refused, naming the field in the API's terms. */
    public record Violation(String field, String message) {
    }

    /** A valid value, or the reasons there is none. */
    public record Checked<T>(T value, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * A contact ready to store: phone in E.164, timezone an IANA region id (or null when unknown),
     * state in ISO 3166-2 form (or null), consent null when none was recorded.
     */
    public record NewContact(String firstName, String lastName, String phone, String email, String companyId,
            String timezone, boolean doNotCall, Map<String, Object> customFields, List<String> tags, String state,
            ContactConsent consent) {
    }

    /** Validates {@code defaultCountry}, the region national phone formats are read in (null = none). */
    public static Optional<Violation> checkDefaultCountry(String defaultCountry) {
        if (defaultCountry != null && !PhoneNumbers.isKnownRegion(defaultCountry)) {
            return Optional.of(new Violation("defaultCountry", "must be an ISO 3166 alpha-2 country code such as US"));
        }
        return Optional.empty();
    }

    /** Whether {@code timezone} is an IANA region id such as America/New_York (offsets and "UTC" are not). */
    public static boolean isRegionTimezone(String timezone) {
        if (timezone == null || !timezone.contains("/")) {
            return false;
        }
        try {
            ZoneId.of(timezone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /**
     * Validates a new contact: phone required and normalised to E.164; timezone inferred from the
     * number when absent (null when the number spans several zones); doNotCall defaults to false.
     */
    public Checked<NewContact> toNewContact(String defaultCountry) {
        List<Violation> violations = new ArrayList<>();
        String e164 = null;
        String zone = timezone;
        if (phone == null || phone.isBlank()) {
            violations.add(new Violation("phone", "is required"));
        } else {
            var normalized = PhoneNumbers.normalize(phone, defaultCountry);
            if (normalized.isEmpty()) {
                violations.add(invalidPhone(defaultCountry));
            } else {
                e164 = normalized.get().e164();
                if (zone == null) {
                    zone = normalized.get().timezone().orElse(null);
                }
            }
        }
        checkOtherFields(violations);
        if (!violations.isEmpty()) {
            return new Checked<>(null, List.copyOf(violations));
        }
        return new Checked<>(new NewContact(firstName, lastName, e164, email, companyId, zone,
                Boolean.TRUE.equals(doNotCall), customFields == null ? Map.of() : customFields,
                tags == null ? List.of() : tags, isoState(), consent == null ? null : consent.toConsent()), List.of());
    }

    /** Validates a change: every member optional (null = unchanged); a given phone is normalised to E.164. */
    public Checked<ContactDraft> toChanges(String defaultCountry) {
        List<Violation> violations = new ArrayList<>();
        String e164 = null;
        if (phone != null) {
            var normalized = PhoneNumbers.normalize(phone, defaultCountry);
            if (normalized.isEmpty()) {
                violations.add(phone.isBlank() ? new Violation("phone", "must not be blank") : invalidPhone(defaultCountry));
            } else {
                e164 = normalized.get().e164();
            }
        }
        checkOtherFields(violations);
        if (!violations.isEmpty()) {
            return new Checked<>(null, List.copyOf(violations));
        }
        return new Checked<>(new ContactDraft(firstName, lastName, e164, email, companyId, timezone, doNotCall,
                customFields, tags, isoState(), consent), List.of());
    }

    private static Violation invalidPhone(String defaultCountry) {
        return new Violation("phone", defaultCountry == null
                ? "is not a valid phone number without extension (use E.164, e.g. +12025550123, or give defaultCountry for national formats)"
                : "is not a valid phone number for " + defaultCountry + " nor in E.164");
    }

    /** The state in ISO 3166-2 form; null when absent. Call after validation. */
    private String isoState() {
        return state == null ? null : NorthAmericanSubdivisions.fromStateCode(state).orElseThrow();
    }

    /** A timestamp with an explicit offset (a bare local time would be ambiguous), or null. */
    private static Instant parseTimestamp(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private void checkStateAndConsent(List<Violation> violations) {
        if (state != null) {
            if (!SafeText.isSafe(state)) {
                violations.add(new Violation("state", SafeText.PROBLEM));
            } else if (NorthAmericanSubdivisions.fromStateCode(state).isEmpty()) {
                violations.add(new Violation("state", "must be a US state or territory or a Canadian province or"
                        + " territory code, such as FL or US-FL"));
            }
        }
        if (consent == null) {
            return;
        }
        if (consent.type() == null) {
            violations.add(new Violation("consent.type", "is required (express_written, express or none)"));
        } else {
            try {
                ConsentType.fromWire(consent.type());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("consent.type", "must be one of express_written, express, none"));
            }
        }
        if (consent.obtainedAt() != null && parseTimestamp(consent.obtainedAt()) == null) {
            violations.add(new Violation("consent.obtainedAt",
                    "must be an ISO 8601 timestamp with offset, e.g. 2026-05-01T09:00:00Z"));
        }
        if (!SafeText.isSafe(consent.source())) {
            violations.add(new Violation("consent.source", SafeText.PROBLEM));
        } else if (consent.source() != null && consent.source().length() > MAX_CONSENT_SOURCE_LENGTH) {
            violations.add(new Violation("consent.source", "must be at most " + MAX_CONSENT_SOURCE_LENGTH + " characters"));
        }
    }

    private void checkOtherFields(List<Violation> violations) {
        checkStateAndConsent(violations);
        text(violations, "firstName", firstName, MAX_NAME_LENGTH);
        text(violations, "lastName", lastName, MAX_NAME_LENGTH);
        text(violations, "companyId", companyId, MAX_COMPANY_ID_LENGTH);
        if (email != null) {
            if (!SafeText.isSafe(email)) {
                violations.add(new Violation("email", SafeText.PROBLEM));
            } else if (email.length() > MAX_EMAIL_LENGTH) {
                violations.add(new Violation("email", "must be at most " + MAX_EMAIL_LENGTH + " characters"));
            } else if (!EMAIL.matcher(email).matches()) {
                violations.add(new Violation("email", "must be an email address such as ada@example.com"));
            }
        }
        if (!SafeText.isSafe(phone)) {
            violations.add(new Violation("phone", SafeText.PROBLEM));
        }
        if (!SafeText.isSafe(timezone)) {
            violations.add(new Violation("timezone", SafeText.PROBLEM));
        }
        if (timezone != null && !isRegionTimezone(timezone)) {
            violations.add(new Violation("timezone", "must be an IANA timezone such as America/New_York"));
        }
        if (tags != null) {
            if (tags.size() > MAX_TAGS) {
                violations.add(new Violation("tags", "must have at most " + MAX_TAGS + " items"));
            }
            for (int i = 0; i < tags.size() && i < MAX_TAGS; i++) {
                String tag = tags.get(i);
                if (!SafeText.isSafe(tag)) {
                    violations.add(new Violation("tags[" + i + "]", SafeText.PROBLEM));
                } else if (tag == null || tag.isBlank()) {
                    violations.add(new Violation("tags[" + i + "]", "must be a non-blank string"));
                } else if (tag.length() > MAX_TAG_LENGTH) {
                    violations.add(new Violation("tags[" + i + "]", "must be at most " + MAX_TAG_LENGTH + " characters"));
                }
            }
        }
        if (customFields != null) {
            SafeText.firstUnsafe(customFields, "customFields")
                    .ifPresent(path -> violations.add(new Violation(path, SafeText.PROBLEM)));
            try {
                if (JSON.writeValueAsBytes(customFields).length > MAX_CUSTOM_FIELDS_BYTES) {
                    violations.add(new Violation("customFields", "must be at most " + MAX_CUSTOM_FIELDS_BYTES
                            + " bytes as JSON"));
                }
            } catch (JsonProcessingException e) {
                violations.add(new Violation("customFields", "must be a JSON object"));
            }
        }
    }

    private static void text(List<Violation> violations, String field, String value, int max) {
        if (!SafeText.isSafe(value)) {
            violations.add(new Violation(field, SafeText.PROBLEM));
        } else if (value != null && value.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters"));
        }
    }
}
