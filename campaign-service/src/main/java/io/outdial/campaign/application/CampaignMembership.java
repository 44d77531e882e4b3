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
import io.outdial.campaign.domain.ContactImportSource;
import io.outdial.campaign.domain.ContactSelector;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.ImportReport;
import io.outdial.campaign.domain.MemberKey;
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
 * listing them. Each change holds the campaign row lock, the order the feeder locks in; a contact
 * a claim is deciding is locked by it, so a removal comes before or after the claim.
 */
@ApplicationScoped
public class CampaignMembership {

    private final Pool pool;
    private final DispatchStore dispatch;
    private final CampaignContactRepository members;
    private final ContactDirectory directory;

    public CampaignMembership(Pool pool, DispatchStore dispatch, CampaignContactRepository members,
            ContactDirectory directory) {
        this.pool = pool;
        this.dispatch = dispatch;
        this.members = members;
        this.directory = directory;
    }

    /** An id the request named that is not a contact of the team, with the reason. */
    public record Invalid(String contactId, String reason) {
    }

    public record AddResult(int added, int alreadyInCampaign, List<Invalid> invalid, long totalContacts) {
    }

    /** {@code nextCursor}: where the next page starts, null when this is the last. */
    public record MemberPage(List<Member> members, Map<String, Long> statusCounts, long total, String nextCursor) {
    }

    /** A contact import into a campaign: the import's tally and what joining the campaign did. */
    public record ImportIntoResult(ImportReport report, AddResult added) {
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

    /**
     * Adds every contact of the team the selector matches, in one statement, by the rules of an
     * addition by ids: do-not-call contacts and numbers that cannot be dialed join as skipped.
     */
    public Uni<AddResult> add(String teamId, UUID id, ContactSelector selector) {
        return pool.withTransaction(tx -> addMatching(tx, teamId, id, selector));
    }

    /**
     * Imports contacts (as {@link ContactDirectory#importAll}) and adds the ones the import created to
     * the campaign, on the import's transaction: a refused import adds nothing, and a campaign that
     * cannot take contacts imports nothing. Blocking: call it on a worker thread.
     */
    public ImportIntoResult importInto(String teamId, UUID id, ContactImportSource source, String defaultCountry) {
        // Refused before the body is read; decided again under the campaign's lock when the rows are in.
        DispatchCampaign campaign = dispatch.campaign(pool, id, teamId, false).await().indefinitely();
        checkCanJoin(id, campaign);
        var imported = directory.importAll(teamId, source, defaultCountry,
                (tx, importId) -> addMatching(tx, teamId, id, new ContactSelector.FromImport(importId)));
        return new ImportIntoResult(imported.report(), imported.then());
    }

    private Uni<AddResult> addMatching(SqlConnection tx, String teamId, UUID id, ContactSelector selector) {
        return dispatch.campaign(tx, id, teamId, true).flatMap(campaign -> {
            checkCanJoin(id, campaign);
            return members.insertMatching(tx, id, teamId, selector).flatMap(matched -> (matched.added() == 0
                    ? Uni.createFrom().voidItem() : members.addToTotal(tx, id, matched.added()))
                    .replaceWith(new AddResult((int) matched.added(), (int) (matched.matched() - matched.added()), List.of(),
                            campaign.totalContacts() + matched.added())));
        });
    }

    private static void checkCanJoin(UUID id, DispatchCampaign campaign) {
        if (campaign == null) {
            throw Refusal.notFound("campaign", id.toString());
        }
        if (campaign.status() == CampaignStatus.CANCELLED) {
            throw Refusal.conflict("contacts cannot be added to a cancelled campaign");
        }
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

    /**
     * A page of the campaign's contacts ({@code status} null = all) with the count of each status: after
     * {@code page.offset()} of them, or after the one {@code after} names when given.
     */
    public Uni<MemberPage> list(String teamId, UUID id, ContactStatus status, PageRequest page, MemberKey after) {
        String wire = status == null ? null : status.wireName();
        return dispatch.campaign(pool, id, teamId, false).flatMap(campaign -> {
            if (campaign == null) {
                throw Refusal.notFound("campaign", id.toString());
            }
            return members.list(pool, id, wire, page, after).flatMap(list -> members.statusCounts(pool, id).map(counts -> {
                long total = wire == null ? counts.values().stream().mapToLong(Long::longValue).sum() : counts.get(wire);
                boolean more = list.size() > page.limit();
                List<Member> shown = more ? list.subList(0, page.limit()) : list;
                return new MemberPage(shown, counts, total, more ? shown.get(shown.size() - 1).key().cursor() : null);
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
