package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A caller ID a team owns, in E.164. */
@Entity
@Table(name = "phone_numbers")
public class PhoneNumber {

    @Id
    public UUID id;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(nullable = false)
    public String number;

    public String label;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
