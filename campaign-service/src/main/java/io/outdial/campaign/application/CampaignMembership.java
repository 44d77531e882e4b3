package io.outdial.campaign.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.dispatch.DispatchCampaign;
import io.outdial.campaign.dispatch.DispatchStore;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.persistence.CampaignContactRepository.ContactRef;
import io.outdial.campaign.persistence.CampaignContactRepository.Member;
import io.outdial.campaign.persistence.CampaignContactRepository.NewMember;
import io.outdial.campaign.persistence.CampaignContactRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Which contacts a campaign dials: adding them in bulk, removing one that is not being called, and
 * listing them. Each change holds the campaign row lock, the order the feeder and claims lock in.
 */
@ApplicationScoped
public class CampaignMembership {

    private final Pool pool;
    private final DispatchStore dispatch;
    private final CampaignContactRepository members;

    public CampaignMembership(Pool pool, DispatchStore dispatch, CampaignContactRepository members) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.members = members;
    }

    /** An id the request named that is not a contact of the team, with the reason. */
    public record Invalid(String contactId, String reason) {
    }

    public record AddResult(int added, int alreadyInCampaign, List<Invalid> invalid, long totalContacts) {
    }

    public record MemberPage(List<Member> members, Map<String, Long> statusCounts, long total) {
    }

    /**
     * Adds contacts: unknown ids are reported, known ones join as pending, or as skipped with a
     * reason when they are on do-not-call or their number is not dialable.
     */
    public Uni<AddResult> add(String teamId, UUID id, List<String> contactIds) {
        return withCampaign(teamId, id, (tx, campaign) -> {
            if (campaign.status() == CampaignStatus.CANCELLED) {
                throw Refusal.conflict("contacts cannot be added to a cancelled campaign");
            }
            List<Invalid> invalid = new ArrayList<>();
            Set<UUID> requested = new LinkedHashSet<>();
            int duplicates = 0;
            for (String raw : contactIds) {
                UUID contactId = Ids.parseOrNull(raw);
                if (contactId == null) {
                    invalid.add(new Invalid(String.valueOf(raw), "not_found"));
                } else if (!requested.add(contactId)) {
                    duplicates++;
                }
            }
            int repeatedInRequest = duplicates;
            return members.findTeamContacts(tx, teamId, List.copyOf(requested)).flatMap(found -> {
                Map<UUID, ContactRef> known = new HashMap<>();
                found.forEach(contact -> known.put(contact.id(), contact));
                // Members join in the order the request names them, which is the order they are dialed in.
                List<NewMember> joining = new ArrayList<>();
                for (UUID r : requested) {
                    ContactRef contact = known.get(r);
                    if (contact == null) {
                        invalid.add(new Invalid(r.toString(), "not_found"));
                    } else {
                        joining.add(member(contact));
                    }
                }
                // A request that adds nobody (unknown ids, members already) leaves the campaign row as it was.
                return members.insert(tx, id, joining).flatMap(inserted -> (inserted.isEmpty() ? Uni.createFrom().voidItem()
                        : members.addToTotal(tx, id, inserted.size()))
                        .replaceWith(new AddResult(inserted.size(), joining.size() - inserted.size() + repeatedInRequest,
                                invalid, campaign.totalContacts() + inserted.size())));
            });
        });
    }

    private static NewMember member(ContactRef contact) {
        if (contact.doNotCall()) {
            return new NewMember(contact.id(), ContactStatus.SKIPPED, "do_not_call");
        }
        if (PhoneNumbers.normalize(contact.phone(), null).isEmpty()) {
            return new NewMember(contact.id(), ContactStatus.SKIPPED, "invalid_number");
        }
        return new NewMember(contact.id(), ContactStatus.PENDING, null);
    }

    /** Removes a contact from a campaign unless it is being called (queued or calling). */
    public Uni<Void> remove(String teamId, UUID id, UUID contactId) {
        return withCampaign(teamId, id, (tx, campaign) -> members.findMember(tx, id, contactId).flatMap(member -> {
            if (member == null) {
                throw Refusal.notFound("contact in campaign", contactId.toString());
            }
            if (member.status().isInFlight()) {
                throw Refusal.conflict("contact " + contactId + " is being called (" + member.status().wireName()
                        + "); remove it after the call ends");
            }
            return members.remove(tx, member.id()).flatMap(ok -> members.addToTotal(tx, id, -1));
        }));
    }

    /** A page of the campaign's contacts ({@code status} null = all) with the count of each status. */
    public Uni<MemberPage> list(String teamId, UUID id, ContactStatus status, PageRequest page) {
        String wire = status == null ? null : status.wireName();
        return dispatch.campaign(pool, id, teamId, false).flatMap(campaign -> {
            if (campaign == null) {
                throw Refusal.notFound("campaign", id.toString());
            }
            return members.list(pool, id, wire, page).flatMap(list -> members.statusCounts(pool, id).map(counts -> {
                long total = wire == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(wire);
                return new MemberPage(list, counts, total);
            }));
        });
    }

    private <T> Uni<T> withCampaign(String teamId, UUID id,
            java.util.function.BiFunction<SqlConnection, DispatchCampaign, Uni<T>> work) {
        return pool.withTransaction(tx -> dispatch.campaign(tx, id, teamId, true).flatMap(campaign -> {
            if (campaign == null) {
                throw Refusal.notFound("campaign", id.toString());
            }
            return work.apply(tx, campaign);
        }));
    }
}
