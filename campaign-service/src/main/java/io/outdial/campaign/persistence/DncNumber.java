package io.outdial.campaign.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A number (E.164) on a team's do-not-call list: never dialed for that team while it is there. */
@Entity
@Table(name = "dnc_numbers")
@IdClass(DncNumber.Key.class)
public class DncNumber {

    @Id
    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Id
    @Column(nullable = false)
    public String number;

    /** Where the entry came from (e.g. "customer request", an import's name); free text, optional. */
    public String source;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The primary key: a team holds each number once. */
    public static class Key implements Serializable {
        public String teamId;
        public String number;

        public Key() {
        }

        public Key(String teamId, String number) {
            this.teamId = teamId;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(teamId, k.teamId) && Objects.equals(number, k.number);
        }

        @Override
        public int hashCode() {
            return Objects.hash(teamId, number);
        }
    }
}
