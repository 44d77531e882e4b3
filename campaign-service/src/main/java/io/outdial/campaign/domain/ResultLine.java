package io.outdial.campaign.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.outdial.campaign.domain.eligibility.ContactLocation;
import io.outdial.campaign.domain.eligibility.ContactLocator;

/**
 * One campaign contact as the results export shows it: where its calling ended (its outcome once
 * final, else its current status), its attempts, when its last call started at the callee's own
 * clock, and its talk time over all calls.
 */
public record ResultLine(UUID contactId, String name, String phone, String status, String result, int attempts,
        String lastCallAtCallee, long talkSeconds) {

    /** The export's columns. */
    public static final List<String> HEADER = List.of("contactId", "name", "phone", "status", "result", "attempts",
            "lastCallAtCallee", "talkSeconds");

    /** What the store knows of a campaign contact. */
    public record Member(UUID contactId, String firstName, String lastName, String phone, String timezone, String status,
            String outcome, String skipReason, int attempts, Instant lastAttemptAt) {
    }

    public static ResultLine of(Member m, ZoneId calleeZone, double talkSeconds) {
        String name = Stream.of(m.firstName(), m.lastName()).filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        String lastCall = m.lastAttemptAt() == null ? null
                : m.lastAttemptAt().truncatedTo(ChronoUnit.SECONDS).atZone(calleeZone == null ? ZoneOffset.UTC : calleeZone)
                        .toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        return new ResultLine(m.contactId(), name, m.phone(), m.status(), result(m), m.attempts(), lastCall,
                Math.round(talkSeconds));
    }

    /**
     * The zone the callee's clock shows: the contact's own timezone, else the number's when it has just
     * one; null (UTC) when the number spans several zones or none is known.
     */
    public static ZoneId calleeZone(String phone, String timezone) {
        if (ContactDraft.isRegionTimezone(timezone)) {
            return ZoneId.of(timezone);
        }
        List<ZoneId> zones = ContactLocator.locate(phone, null, null).map(ContactLocation::zones).orElse(List.of());
        return zones.size() == 1 ? zones.get(0) : null;
    }

    /** The outcome of a contact whose calling is over (a skipped one: why it was skipped), else its status. */
    static String result(Member m) {
        ContactStatus status = ContactStatus.parse(m.status()).orElse(null);
        if (status == ContactStatus.COMPLETED || status == ContactStatus.FAILED) {
            return m.outcome() != null ? m.outcome() : m.status();
        }
        if (status == ContactStatus.SKIPPED) {
            return m.skipReason() != null ? m.skipReason() : m.status();
        }
        return m.status();
    }

    /** The cells of the export's row, in {@link #HEADER} order. */
    public List<String> cells() {
        return Arrays.asList(contactId.toString(), name, phone, status, result, Integer.toString(attempts),
                lastCallAtCallee, Long.toString(talkSeconds));
    }
}
