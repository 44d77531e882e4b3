package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key of a team; only its SHA-256 and first characters are stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    public UUID id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "key_hash", length = 64, nullable = false, unique = true)
    public String keyHash;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "account_slug", nullable = false)
    public String accountSlug;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The key's first characters, to tell keys apart; null for keys stored before it was kept. */
    @Column(name = "key_prefix")
    public String keyPrefix;

    /** When the key stops working (null: never); a rotation sets it to the end of the grace period. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Written at most once per {@code outdial.api-keys.last-used-interval}, so it may lag by that much. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The key issued by rotating this one. */
    @Column(name = "replaced_by")
    public UUID replacedBy;
}
