package io.outdial.campaign.application;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.persistence.PhoneNumber;
import io.outdial.campaign.persistence.PhoneNumberRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The caller IDs a team owns; campaigns rotate across theirs. */
@ApplicationScoped
public class CallerIds {

    private final PhoneNumberRepository numbers;
    private final Clock clock;

    public CallerIds(PhoneNumberRepository numbers, Clock clock) {
        this.numbers = numbers;
        this.clock = clock;
    }

    public record NumberPage(List<PhoneNumber> numbers, long total) {
    }

    /** Registers an E.164 number; the team may hold each number once. */
    public Uni<PhoneNumber> register(String teamId, String e164, String label) {
        return Panache.withTransaction(() -> numbers.findByNumber(teamId, e164).flatMap(existing -> {
            if (existing != null) {
                throw Refusal.conflict("the team already has " + e164);
            }
            PhoneNumber number = new PhoneNumber();
            number.id = UUID.randomUUID();
            number.teamId = teamId;
            number.number = e164;
            number.label = label;
            number.createdAt = clock.instant();
            return numbers.persist(number);
        }));
    }

    public Uni<NumberPage> list(String teamId, PageRequest page) {
        return Panache.withSession(() -> numbers.list(teamId, page)
                .flatMap(list -> numbers.countOf(teamId).map(total -> new NumberPage(list, total))));
    }

    /** Deletes a number that no live campaign uses. */
    public Uni<Void> delete(String teamId, UUID id) {
        return Panache.withTransaction(() -> numbers.findAll(teamId, List.of(id)).flatMap(found -> {
            if (found.isEmpty()) {
                throw Refusal.notFound("phone number", id.toString());
            }
            return numbers.campaignsUsing(id);
        }).flatMap(campaigns -> {
            if (!campaigns.isEmpty()) {
                throw Refusal.conflict("phone number " + id + " is used by campaign(s) " + campaigns);
            }
            return numbers.deleteOwned(teamId, id);
        })).replaceWithVoid();
    }
}
