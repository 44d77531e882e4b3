package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.outdial.campaign.domain.ContactConsent;
import io.outdial.campaign.domain.eligibility.ConsentType;

/** A team's CRM contact, which campaigns draw from. */
@Entity
@Table(name = "contacts")
public class Contact {

    @Id
    public UUID id;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(nullable = false)
    public String phone;

    public String email;

    @Column(name = "company_id")
    public String companyId;

    public String timezone;

    @Column(name = "do_not_call", nullable = false)
    public boolean doNotCall;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "custom_fields", nullable = false)
    public Map<String, Object> customFields = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    /** ISO 3166-2 (US-FL), or null when not given. */
    public String state;

    /** Wire name of the consent type; null when no consent was recorded. */
    @Column(name = "consent_type")
    public String consentType;

    @Column(name = "consent_obtained_at")
    public Instant consentObtainedAt;

    @Column(name = "consent_source")
    public String consentSource;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The recorded consent, or null. */
    public ContactConsent consent() {
        return consentType == null ? null
                : new ContactConsent(ConsentType.fromWire(consentType), consentObtainedAt, consentSource);
    }

    /** Replaces the recorded consent (null clears it). */
    public void consent(ContactConsent consent) {
        consentType = consent == null ? null : consent.type().wireName();
        consentObtainedAt = consent == null ? null : consent.obtainedAt();
        consentSource = consent == null ? null : consent.source();
    }
}
