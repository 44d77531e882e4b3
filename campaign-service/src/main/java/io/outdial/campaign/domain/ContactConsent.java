package io.outdial.campaign.domain;

import java.time.Instant;
import java.util.Objects;

import io.outdial.campaign.domain.eligibility.ConsentType;

/**
 * The consent a contact gave to be called, as recorded: its kind, when and where it was obtained
 * (both optional). Campaigns with {@code requireConsent} call only express or express written ones.
 */
public record ContactConsent(ConsentType type, Instant obtainedAt, String source) {

    public ContactConsent {
        Objects.requireNonNull(type, "type");
    }
}
