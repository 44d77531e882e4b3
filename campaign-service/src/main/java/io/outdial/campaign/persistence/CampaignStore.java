package io.outdial.campaign.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.problem.FieldError;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.domain.RunReadiness;
import io.outdial.campaign.persistence.CampaignContactRepository.ContactRef;
import io.outdial.campaign.persistence.CampaignContactRepository.NewMember;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The campaign use cases that change data, each one transaction: the campaign row is locked
 * first, the domain rules decide, and lifecycle events go to the outbox in the same transaction.
 */
@ApplicationScoped
public class CampaignStore {

    @Inject
    Pool pool;

    @Inject
    CampaignRepository campaigns;

    @Inject
    CampaignContactRepository members;

    @Inject
    PhoneNumberRepository numbers;

    @Inject
    OutboxWriter outbox;

    @Inject
    Clock clock;

    public record AddResult(int added, int alreadyInCampaign, List<Map.Entry<String, String>> invalid, long totalContacts) {
    }

    /** Runs {@code work} on the team's locked, live campaign; 404 when there is none. */
    public <T> Uni<T> withCampaign(String teamId, UUID id, java.util.function.BiFunction<SqlConnection, CampaignRecord, Uni<T>> work) {
        return pool.withTransaction(tx -> campaigns.find(tx, teamId, id, true).flatMap(campaign -> {
            if (campaign == null) {
                return Uni.createFrom().failure(ApiProblem.notFound("campaign", id.toString()));
            }
            return work.apply(tx, campaign);
        }));
    }

    /** Checks that every caller ID belongs to the team; errors name the offending array element. */
    public Uni<Void> checkNumbersOwned(SqlConnection tx, String teamId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return numbers.findAll(tx, teamId, ids).map(found -> {
            Set<String> owned = new java.util.HashSet<>();
            found.forEach(n -> owned.add(n.id()));
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!owned.contains(ids.get(i).toString())) {
                    errors.add(new FieldError("fromNumberIds[" + i + "]", "is not a phone number of this team"));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiProblem.invalid(errors);
            }
            return null;
        });
    }

    public Uni<UUID> create(CampaignRecord campaign) {
        return pool.withTransaction(tx -> checkNumbersOwned(tx, campaign.teamId(), campaign.fromNumberIds())
                .flatMap(ok -> campaigns.insert(tx, campaign))
                .replaceWith(campaign.id()));
    }

    public Uni<Void> updateConfig(String teamId, UUID id, Function<CampaignRecord, CampaignRecord> change) {
        return withCampaign(teamId, id, (tx, current) -> {
            CampaignRecord updated = change.apply(current);
            boolean numbersChanged = !updated.fromNumberIds().equals(current.fromNumberIds());
            Uni<Void> checked = numbersChanged ? checkNumbersOwned(tx, teamId, updated.fromNumberIds())
                    : Uni.createFrom().voidItem();
            boolean dialingConfigChanged = updated.maxConcurrentCalls() != current.maxConcurrentCalls()
                    || !updated.callWindowStart().equals(current.callWindowStart())
                    || !updated.callWindowEnd().equals(current.callWindowEnd())
                    || !updated.callWindowTimezone().equals(current.callWindowTimezone());
            return checked.flatMap(ok -> campaigns.updateConfig(tx, updated, numbersChanged))
                    // Dialers keep a snapshot of the cap and window: tell them.
                    .flatMap(ok -> dialingConfigChanged
                            ? outbox.append(tx, statusChanged(updated, current.status()))
                            : Uni.createFrom().voidItem());
        });
    }

    /**
     * Moves a campaign to {@code target} if its state machine allows it. The same status is a
     * no-op (pause twice, cancel twice), except that {@code newRun} on a running campaign resets
     * its run budget.
     */
    public Uni<CampaignStatus> transition(String teamId, UUID id, CampaignStatus target, boolean newRun, Integer runLimit) {
        return withCampaign(teamId, id, (tx, campaign) -> {
            CampaignStatus from = campaign.status();
            if (from == target && !newRun) {
                return Uni.createFrom().item(from);
            }
            if (from != target && !from.canBecome(target)) {
                return Uni.createFrom().failure(ApiProblem.illegalTransition("campaign", from.wireName(), target.wireName()));
            }
            if (newRun) {
                var missing = RunReadiness.check(campaign.fromNumberIds().size(), campaign.totalContacts());
                if (missing.isPresent()) {
                    return Uni.createFrom().failure(new ApiProblem(409, "Conflict", missing.get().reason(),
                            List.of(new FieldError(missing.get().field(), missing.get().reason())),
                            Map.of("currentStatus", from.wireName())));
                }
            }
            Instant now = clock.instant();
            Uni<Integer> cancelled = target == CampaignStatus.CANCELLED ? members.cancelUndialed(tx, id)
                    : Uni.createFrom().item(0);
            return cancelled
                    .flatMap(n -> campaigns.setStatus(tx, id, target, now, newRun, runLimit))
                    .flatMap(ok -> from == target ? Uni.createFrom().voidItem()
                            : outbox.append(tx, statusChanged(campaign, from, target, now)))
                    .replaceWith(from);
        });
    }

    public Uni<Void> softDelete(String teamId, UUID id) {
        return withCampaign(teamId, id, (tx, campaign) -> {
            if (!campaign.status().isDeletable()) {
                return Uni.createFrom().failure(ApiProblem.conflict("a " + campaign.status().wireName()
                        + " campaign cannot be deleted; only draft, completed or cancelled ones can"));
            }
            return campaigns.softDelete(tx, id, clock.instant());
        });
    }

    /**
     * Adds contacts: unknown ids are reported, known ones join as pending, or as skipped with a
     * reason when they are on do-not-call or their number is not dialable.
     */
    public Uni<AddResult> addContacts(String teamId, UUID id, List<String> contactIds) {
        return withCampaign(teamId, id, (tx, campaign) -> {
            if (campaign.status() == CampaignStatus.CANCELLED) {
                return Uni.createFrom().failure(ApiProblem.conflict("contacts cannot be added to a cancelled campaign"));
            }
            List<Map.Entry<String, String>> invalid = new ArrayList<>();
            Set<UUID> requested = new LinkedHashSet<>();
            int duplicates = 0;
            for (String raw : contactIds) {
                if (!io.outdial.campaign.api.Validation.isUuid(raw)) {
                    invalid.add(Map.entry(String.valueOf(raw), "not_found"));
                } else if (!requested.add(UUID.fromString(raw))) {
                    duplicates++;
                }
            }
            int repeatedInRequest = duplicates;
            return members.findTeamContacts(tx, teamId, List.copyOf(requested)).flatMap(found -> {
                Set<UUID> known = new java.util.HashSet<>();
                List<NewMember> joining = new ArrayList<>();
                for (ContactRef contact : found) {
                    known.add(contact.id());
                    joining.add(member(contact));
                }
                for (UUID r : requested) {
                    if (!known.contains(r)) {
                        invalid.add(Map.entry(r.toString(), "not_found"));
                    }
                }
                return members.insert(tx, id, joining).flatMap(inserted -> campaigns.addToTotal(tx, id, inserted.size())
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
    public Uni<Void> removeContact(String teamId, UUID id, UUID contactId) {
        return withCampaign(teamId, id, (tx, campaign) -> members.findMember(tx, id, contactId).flatMap(member -> {
            if (member == null) {
                return Uni.createFrom().failure(ApiProblem.notFound("contact in campaign", contactId.toString()));
            }
            if (member.status().isInFlight()) {
                return Uni.createFrom().failure(ApiProblem.conflict("contact " + contactId + " is being called ("
                        + member.status().wireName() + "); remove it after the call ends"));
            }
            return members.remove(tx, member.id()).flatMap(ok -> campaigns.addToTotal(tx, id, -1));
        }));
    }

    private static CampaignStatusChanged statusChanged(CampaignRecord c, CampaignStatus from, CampaignStatus to, Instant at) {
        return new CampaignStatusChanged(c.id().toString(), c.teamId(), to.wireName(), from.wireName(), c.maxConcurrentCalls(),
                c.callWindowStart(), c.callWindowEnd(), c.callWindowTimezone(), at);
    }

    private CampaignStatusChanged statusChanged(CampaignRecord c, CampaignStatus unchanged) {
        return statusChanged(c, unchanged, unchanged, clock.instant());
    }
}
