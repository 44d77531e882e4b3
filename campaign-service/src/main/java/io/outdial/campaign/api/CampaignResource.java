package io.outdial.campaign.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.dto.CampaignRequests.AddContacts;
import io.outdial.campaign.api.dto.CampaignRequests.CreateCampaign;
import io.outdial.campaign.api.dto.CampaignRequests.PatchCampaign;
import io.outdial.campaign.api.dto.CampaignRequests.RunCampaign;
import io.outdial.campaign.api.dto.CampaignRequests;
import io.outdial.campaign.api.dto.CampaignViews.AddContactsResult;
import io.outdial.campaign.api.dto.CampaignViews.AuditEventView;
import io.outdial.campaign.api.dto.CampaignViews.AuditList;
import io.outdial.campaign.api.dto.CampaignViews.Campaign;
import io.outdial.campaign.api.dto.CampaignViews.CampaignContact;
import io.outdial.campaign.api.dto.CampaignViews.CampaignContactList;
import io.outdial.campaign.api.dto.CampaignViews.CampaignImportResult;
import io.outdial.campaign.api.dto.CampaignViews.CampaignList;
import io.outdial.campaign.api.dto.CampaignViews.InvalidContact;
import io.outdial.campaign.api.dto.CampaignViews.RunCall;
import io.outdial.campaign.api.dto.CampaignViews.RunResult;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.validation.StorableText;
import io.outdial.campaign.application.CampaignAudit;
import io.outdial.campaign.application.CampaignLifecycle;
import io.outdial.campaign.application.CampaignMembership;
import io.outdial.campaign.application.CampaignRuns;
import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.domain.CallRules;
import io.outdial.campaign.domain.CampaignField;
import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.campaign.domain.CampaignStatus;
import io.outdial.campaign.domain.ContactImportSource;
import io.outdial.campaign.domain.ContactStatus;
import io.outdial.campaign.domain.CsvCells;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.MemberKey;
import io.outdial.campaign.domain.eligibility.ComplianceProfile;
import io.outdial.campaign.persistence.AuditEventRepository;
import io.outdial.campaign.persistence.CampaignReads;
import io.outdial.contract.CallWindow;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

@Path("/api/crm/campaigns")
@Tag(name = "Campaigns")
public class CampaignResource {

    private static final String[] AUDIT_CSV_HEADER = { "id", "at", "kind", "reason", "contactId", "campaignContactId",
            "callId", "phone", "localTimeAtCallee", "rulesVersion" };

    private final CurrentTenant tenant;
    private final CampaignLifecycle lifecycle;
    private final CampaignMembership membership;
    private final CampaignRuns runs;
    private final CampaignAudit audit;
    private final Clock clock;

    public CampaignResource(CurrentTenant tenant, CampaignLifecycle lifecycle, CampaignMembership membership,
            CampaignRuns runs, CampaignAudit audit, Clock clock) {
        this.tenant = tenant;
        this.lifecycle = lifecycle;
        this.membership = membership;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List the team's campaigns", description = "Filters: status, assistantId, deleted=exclude|include|only.")
    public Uni<CampaignList> list(@QueryParam("teamId") String teamId, @QueryParam("status") String status,
            @QueryParam("assistantId") @StorableText
            @Size(max = 200, message = "must be at most {max} characters") String assistantId,
            @QueryParam("deleted") String deleted,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        List<FieldError> errors = new ArrayList<>();
        var parsedStatus = status == null ? null : CampaignStatus.parse(status).orElse(null);
        if (status != null && parsedStatus == null) {
            errors.add(new FieldError("status", "must be one of draft, scheduled, running, paused, completed, cancelled"));
        }
        CampaignReads.Deleted mode = CampaignReads.Deleted.EXCLUDE;
        if (deleted != null) {
            switch (deleted) {
                case "exclude" -> mode = CampaignReads.Deleted.EXCLUDE;
                case "include" -> mode = CampaignReads.Deleted.INCLUDE;
                case "only" -> mode = CampaignReads.Deleted.ONLY;
                default -> errors.add(new FieldError("deleted", "must be one of exclude, include, only"));
            }
        }
        io.outdial.campaign.domain.PageRequest paging;
        try {
            paging = Paging.parse(limit, offset);
        } catch (ApiProblem p) {
            errors.addAll(p.errors());
            paging = null;
        }
        String team = tenant.resolveTeam(teamId);
        Validation.throwIfAny(errors);
        var filter = new CampaignReads.Filter(team, parsedStatus, assistantId, mode);
        var page = paging;
        return lifecycle.list(filter, page).flatMap(found -> lifecycle.nextCallTimes(found.campaigns()).map(times -> new CampaignList(
                found.campaigns().stream().map(c -> view(c, times.get(c.id))).toList(), found.total(), page.limit(),
                page.offset())));
    }

    @POST
    @Operation(summary = "Create a campaign", description = "Starts as draft, or scheduled when scheduledStartAt is in the future."
            + " complianceProfile us_tcpa (legal calling hours and attempt caps at the callee's location) is the default;"
            + " none drops them and needs complianceOptOut: true. requireConsent calls only contacts with express or"
            + " express_written consent.")
    public Uni<Response> create(@RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(
            name = "renewals", value = """
                    {"name": "Spring renewals", "assistantId": "asst_123", "companyId": "co_9",
                     "fromNumberIds": ["9b2f0a4e-8c1d-4f57-a0de-3c5b1e7d2a11"],
                     "callWindowStart": "09:00", "callWindowEnd": "17:00", "callWindowTimezone": "America/New_York",
                     "maxConcurrentCalls": 5, "maxRetries": 2, "retryDelayMinutes": 120,
                     "ringTimeoutSeconds": 25, "maxCallDurationSeconds": 900,
                     "retryRules": {"busy": {"delayMinutes": 15, "maxAttempts": 3}, "voicemail": {"maxAttempts": 1}},
                     "settings": {"voicemailMessage": "Please call us back"},
                     "variables": {"offer": "spring20", "agentName": "Mia"}}
                    """))) @Valid CreateCampaign body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String team = tenant.resolveTeam(body.teamId());
        var now = clock.instant();
        var scheduledStartAt = CampaignRequests.parseInstant(body.scheduledStartAt());
        CampaignStatus status = scheduledStartAt != null && scheduledStartAt.isAfter(now)
                ? CampaignStatus.SCHEDULED
                : CampaignStatus.DRAFT;
        var campaign = new io.outdial.campaign.persistence.Campaign();
        campaign.id = UUID.randomUUID();
        campaign.teamId = team;
        campaign.assistantId = body.assistantId();
        campaign.companyId = body.companyId();
        campaign.name = body.name().trim();
        campaign.description = body.description();
        campaign.status = status;
        campaign.callWindowStart = orDefault(body.callWindowStart(), CampaignLimits.DEFAULT_WINDOW_START);
        campaign.callWindowEnd = orDefault(body.callWindowEnd(), CampaignLimits.DEFAULT_WINDOW_END);
        campaign.callWindowTimezone = orDefault(body.callWindowTimezone(), CampaignLimits.DEFAULT_TIMEZONE);
        campaign.maxConcurrentCalls = orDefault(body.maxConcurrentCalls(), CampaignLimits.DEFAULT_MAX_CONCURRENT_CALLS);
        campaign.maxRetries = orDefault(body.maxRetries(), CampaignLimits.DEFAULT_MAX_RETRIES);
        campaign.retryDelayMinutes = orDefault(body.retryDelayMinutes(), CampaignLimits.DEFAULT_RETRY_DELAY_MINUTES);
        campaign.settings = body.settings() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body.settings());
        campaign.scheduledStartAt = scheduledStartAt;
        campaign.callRules(CallRules.DEFAULTS.with(body.ringTimeoutSeconds(), body.maxCallDurationSeconds(), body.retryRules()));
        campaign.complianceProfile = body.complianceProfile();
        campaign.complianceOptOut = Boolean.TRUE.equals(body.complianceOptOut());
        campaign.requireConsent = Boolean.TRUE.equals(body.requireConsent());
        campaign.variables = body.variables() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body.variables());
        campaign.createdAt = now;
        campaign.updatedAt = now;
        return lifecycle.create(campaign, CampaignRequests.uuids(body.fromNumberIds()))
                .map(created -> Response.status(201).entity(view(created)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a campaign")
    public Uni<Campaign> get(@PathParam("id") String id) {
        return lifecycle.get(tenant.teamId(), Validation.pathId("campaign", id)).flatMap(this::viewNow);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a campaign's configuration or status",
            description = "Configuration may change in draft, scheduled and paused; while running only maxConcurrentCalls, "
                    + "the window, the retry rules and complianceProfile, complianceOptOut and requireConsent (they apply to"
                    + " the next dial). status may be paused, running or cancelled.")
    public Uni<Campaign> patch(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "raise the cap", value = """
                    {"maxConcurrentCalls": 10, "callWindowEnd": "19:00"}
                    """))) @Valid PatchCampaign body) {
        UUID uuid = Validation.pathId("campaign", id);
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String team = tenant.teamId();
        CampaignStatus target = null;
        if (body.status() != null) {
            target = CampaignStatus.parse(body.status())
                    .filter(s -> s == CampaignStatus.PAUSED || s == CampaignStatus.RUNNING || s == CampaignStatus.CANCELLED)
                    .orElseThrow(() -> ApiProblem.invalid("status", "must be one of paused, running, cancelled"));
        }
        List<CampaignField> changed = changedFields(body);
        CampaignStatus requested = target;
        Uni<Void> config = changed.isEmpty() ? Uni.createFrom().voidItem()
                : lifecycle.edit(team, uuid, new CampaignLifecycle.Edit(changed,
                        () -> body.fromNumberIds() == null ? null : CampaignRequests.uuids(body.fromNumberIds()),
                        current -> merge(current, body))).replaceWithVoid();
        return config
                .flatMap(ok -> requested == null ? lifecycle.get(team, uuid) : lifecycle.move(team, uuid, requested))
                .map(CampaignResource::view);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Soft-delete a draft, completed or cancelled campaign")
    public Uni<Response> delete(@PathParam("id") String id) {
        return lifecycle.softDelete(tenant.teamId(), Validation.pathId("campaign", id)).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running campaign")
    public Uni<Campaign> pause(@PathParam("id") String id) {
        return move(id, CampaignStatus.PAUSED);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused campaign")
    public Uni<Campaign> resume(@PathParam("id") String id) {
        return lifecycle.resume(tenant.teamId(), Validation.pathId("campaign", id)).flatMap(this::viewNow);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a campaign for good; contacts not yet dialed are cancelled")
    public Uni<Campaign> cancel(@PathParam("id") String id) {
        return move(id, CampaignStatus.CANCELLED);
    }

    private Uni<Campaign> move(String id, CampaignStatus target) {
        return lifecycle.move(tenant.teamId(), Validation.pathId("campaign", id), target).flatMap(this::viewNow);
    }

    @POST
    @Path("/{id}/contacts")
    @Operation(summary = "Add existing CRM contacts, by id (1 to 10,000) or by filter",
            description = "Body {contactIds: [...]} or {filter: {all: true} | {tag} | {companyId} | {importId}}, not"
                    + " both. Unknown ids are reported in invalid; a filter adds every matching contact of the team in"
                    + " one step (an unknown tag, company or import matches nothing). Do-not-call contacts and invalid"
                    + " numbers join as skipped; contacts already in the campaign count in alreadyInCampaign.")
    public Uni<AddContactsResult> addContacts(@PathParam("id") String id, @RequestBody(content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "two contacts", value = """
                            {"contactIds": ["0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7"]}
                            """),
                    @ExampleObject(name = "every contact with a tag", value = """
                            {"filter": {"tag": "spring-promo"}}
                            """),
                    @ExampleObject(name = "the contacts of an import", value = """
                            {"filter": {"importId": "9b2f1c4e-5a7d-4e8b-9c3f-1d2e3f4a5b6c"}}
                            """) })) @Valid AddContacts body) {
        UUID uuid = Validation.pathId("campaign", id);
        if (body == null || body.contactIds() == null && body.filter() == null) {
            throw ApiProblem.invalid("contactIds", "is required (or filter)");
        }
        if (body.contactIds() != null && body.filter() != null) {
            throw ApiProblem.invalid("filter", "must not be given with contactIds");
        }
        if (body.filter() != null) {
            List<FieldError> errors = new ArrayList<>();
            var selector = body.filter().selector(errors);
            Validation.throwIfAny(errors);
            return membership.add(tenant.teamId(), uuid, selector).map(CampaignResource::view);
        }
        return membership.add(tenant.teamId(), uuid, body.contactIds()).map(CampaignResource::view);
    }

    private static AddContactsResult view(CampaignMembership.AddResult r) {
        return new AddContactsResult(r.added(), r.alreadyInCampaign(),
                r.invalid().stream().map(e -> new InvalidContact(e.contactId(), e.reason())).toList(), r.totalContacts());
    }

    @POST
    @Path("/{id}/contacts/import")
    @Consumes({ "text/csv", "application/csv" })
    @Blocking
    @Operation(summary = "Import contacts from CSV into the campaign", description = "The same body, limits and"
            + " answer as POST /api/crm/contacts/import (CSV), and the imported contacts join the campaign, in the same"
            + " transaction: added counts them (do-not-call contacts join as skipped). A refused import (400, 413)"
            + " imports and adds nothing; a cancelled campaign answers 409 and imports nothing.")
    public CampaignImportResult importCsv(@PathParam("id") String id, InputStream body,
            @QueryParam("defaultCountry") String defaultCountry, @Context HttpHeaders headers) {
        UUID uuid = Validation.pathId("campaign", id);
        ContactResource.checkDefaultCountry(defaultCountry);
        return importInto(uuid, ContactResource.csvSource(body, headers), defaultCountry);
    }

    @POST
    @Path("/{id}/contacts/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Import contacts from JSON into the campaign", description = "The same body, limits and"
            + " answer as POST /api/crm/contacts/import (JSON), and the imported contacts join the campaign, in the"
            + " same transaction: added counts them (do-not-call contacts join as skipped). A refused import (400,"
            + " 413) imports and adds nothing; a cancelled campaign answers 409 and imports nothing.")
    public CampaignImportResult importJson(@PathParam("id") String id, InputStream body,
            @QueryParam("defaultCountry") String defaultCountry) {
        UUID uuid = Validation.pathId("campaign", id);
        ContactResource.checkDefaultCountry(defaultCountry);
        return importInto(uuid, ContactResource.jsonSource(body), defaultCountry);
    }

    private CampaignImportResult importInto(UUID id, ContactImportSource source, String defaultCountry) {
        var result = membership.importInto(tenant.teamId(), id, source, defaultCountry);
        var report = result.report();
        return new CampaignImportResult(report.imported(), report.failed(), report.errors(), report.importId().toString(),
                result.added().added(), result.added().totalContacts());
    }

    @GET
    @Path("/{id}/contacts")
    @Operation(summary = "List a campaign's contacts with per-status counts", description = "In dialing order"
            + " (priority, then the order they joined). Pages by offset, or by cursor: pass a page's nextCursor as"
            + " cursor (without offset) for the next one; nextCursor is null on the last page. Cursor pages neither"
            + " skip nor repeat contacts while others join.")
    public Uni<CampaignContactList> listContacts(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset, @QueryParam("cursor") String cursor) {
        UUID uuid = Validation.pathId("campaign", id);
        ContactStatus wanted = status == null ? null : ContactStatus.parse(status).orElseThrow(() -> ApiProblem.invalid("status",
                "must be one of pending, queued, calling, completed, failed, skipped, cancelled"));
        MemberKey after = Paging.cursor(cursor, offset, MemberKey::parse);
        var paging = Paging.parse(limit, offset);
        return membership.list(tenant.teamId(), uuid, wanted, paging, after).map(page -> new CampaignContactList(page.members()
                .stream().map(m -> new CampaignContact(m.id().toString(), m.contactId().toString(), m.status().wireName(),
                        m.outcome(), m.attempts(), m.lastAttemptAt(), m.nextAttemptAt(), m.completedAt(), m.priority(),
                        m.skipReason(), m.nextEligibleAt(), m.waitReason())).toList(), page.statusCounts(), page.total(),
                        paging.limit(), paging.offset(), page.nextCursor()));
    }

    @DELETE
    @Path("/{id}/contacts/{contactId}")
    @Operation(summary = "Remove a contact that is not being called")
    public Uni<Response> removeContact(@PathParam("id") String id, @PathParam("contactId") String contactId) {
        UUID uuid = Validation.pathId("campaign", id);
        UUID contact = Validation.pathId("contact in campaign", contactId);
        return membership.remove(tenant.teamId(), uuid, contact).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/run")
    @Operation(summary = "Start (or preview with dryRun) dialing the campaign's pending contacts",
            description = "Dials pending contacts up to maxConcurrentCalls now; limit (alias maxCalls) caps the calls this run "
                    + "starts. dryRun=true changes nothing and lists the calls that would start and the errors that would occur.")
    public Uni<RunResult> run(@PathParam("id") String id, @RequestBody(content = @Content(mediaType = "application/json",
            examples = {
                    @ExampleObject(name = "preview", value = """
                            {"accountSlug": "acme", "dryRun": true}
                            """),
                    @ExampleObject(name = "gradual rollout", value = """
                            {"accountSlug": "acme", "limit": 50}
                            """) })) @Valid RunCampaign body) {
        UUID uuid = Validation.pathId("campaign", id);
        if (body == null) {
            throw ApiProblem.invalid("accountSlug", "is required");
        }
        if (!body.accountSlug().equals(tenant.get().accountSlug())) {
            throw ApiProblem.forbidden("accountSlug", "is not the account of the API key");
        }
        return runs.run(tenant.teamId(), uuid, body.callLimit(), Boolean.TRUE.equals(body.dryRun()))
                .map(r -> new RunResult(r.calls().size(), r.skipped(), r.calls().stream().map(c -> new RunCall(c.callId(),
                        c.campaignId(), c.campaignContactId(), c.contactId(), c.attempt(), c.toNumber(), c.fromNumber(),
                        c.status())).toList(), r.errors(), r.message(), r.dryRun()));
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "List a campaign's audit: attempts, skips, refusals and waits",
            description = "Each decision about a contact with its reason, the callee's local time and the rule set"
                    + " applied, oldest first (by id, so pages stay stable while events are added). kind filters to"
                    + " attempt, skip, refusal or wait. A deleted campaign's audit stays readable. The same as CSV:"
                    + " GET .../audit.csv.")
    public Uni<AuditList> listAudit(@PathParam("id") String id, @QueryParam("kind") String kind,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        UUID uuid = Validation.pathId("campaign", id);
        String wanted = kind(kind);
        var paging = Paging.parse(limit, offset);
        return audit.list(tenant.teamId(), uuid, wanted, paging).map(page -> new AuditList(
                page.events().stream().map(CampaignResource::auditView).toList(), page.total(), paging.limit(),
                paging.offset()));
    }

    @GET
    @Path("/{id}/audit.csv")
    @Produces("text/csv")
    @Blocking
    @Operation(summary = "Export a campaign's audit as CSV",
            description = "The events of GET .../audit (kind filters the same way), oldest first, streamed. Columns: id,"
                    + " at, kind, reason, contactId, campaignContactId, callId, phone, localTimeAtCallee, rulesVersion."
                    + " A cell starting with = + - or @ is prefixed with a single quote, so spreadsheets do not read"
                    + " it as a formula (phone numbers read '+12025550123).")
    public Response exportAudit(@PathParam("id") String id, @QueryParam("kind") String kind) {
        UUID uuid = Validation.pathId("campaign", id);
        String wanted = kind(kind);
        audit.requireOwned(tenant.teamId(), uuid);
        StreamingOutput body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(AUDIT_CSV_HEADER).get())) {
                audit.export(uuid, wanted, batch -> {
                    try {
                        for (var e : batch) {
                            csv.printRecord(auditRow(e));
                        }
                        csv.flush();
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                });
            }
        };
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + uuid + "-audit.csv\"").build();
    }

    private static List<String> auditRow(AuditEventRepository.AuditEvent e) {
        return Stream.of(Long.toString(e.id()), text(e.at()), e.kind(), e.reason(), text(e.contactId()),
                text(e.campaignContactId()), text(e.callId()), e.phone(), e.localTime(), e.rulesVersion())
                .map(CsvCells::safe).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static AuditEventView auditView(AuditEventRepository.AuditEvent e) {
        return new AuditEventView(e.id(), e.kind(), e.reason(), text(e.contactId()), text(e.campaignContactId()),
                text(e.callId()), e.phone(), e.localTime(), e.rulesVersion(), e.at());
    }

    /** The kind filter; null (every kind) when absent or empty. */
    private static String kind(String kind) {
        if (kind == null || kind.isEmpty()) {
            return null;
        }
        if (!CampaignAudit.KINDS.contains(kind)) {
            throw ApiProblem.invalid("kind", "must be one of attempt, skip, refusal, wait");
        }
        return kind;
    }

    static Campaign view(io.outdial.campaign.persistence.Campaign c) {
        return view(c, null);
    }

    /** The campaign, with the time its next call can start when all its remaining contacts wait. */
    private Uni<Campaign> viewNow(io.outdial.campaign.persistence.Campaign c) {
        return lifecycle.nextCallTimes(List.of(c)).map(times -> view(c, times.get(c.id)));
    }

    static Campaign view(io.outdial.campaign.persistence.Campaign c, java.time.Instant nextCallAt) {
        return new Campaign(c.id.toString(), c.teamId, c.assistantId, c.companyId,
                c.name, c.description, c.status.wireName(), c.fromNumber(),
                c.fromNumberIds().stream().map(UUID::toString).toList(), c.callWindowStart, c.callWindowEnd,
                c.callWindowTimezone, c.maxConcurrentCalls, c.maxRetries, c.retryDelayMinutes, c.scheduledStartAt,
                c.startedAt, c.completedAt, c.totalContacts, c.contactsCalled, c.contactsCompleted, c.contactsAnswered,
                c.settings, c.createdAt, c.updatedAt, c.deletedAt, c.ringTimeoutSeconds, c.maxCallDurationSeconds,
                c.retryRules, c.pauseReason, c.complianceProfile, c.complianceOptOut, c.requireConsent, nextCallAt,
                c.variables);
    }

    private static List<CampaignField> changedFields(PatchCampaign b) {
        List<CampaignField> fields = new ArrayList<>();
        add(fields, b.name(), CampaignField.NAME);
        add(fields, b.description(), CampaignField.DESCRIPTION);
        add(fields, b.assistantId(), CampaignField.ASSISTANT_ID);
        add(fields, b.companyId(), CampaignField.COMPANY_ID);
        add(fields, b.fromNumberIds(), CampaignField.FROM_NUMBER_IDS);
        add(fields, b.scheduledStartAt(), CampaignField.SCHEDULED_START_AT);
        add(fields, b.settings(), CampaignField.SETTINGS);
        add(fields, b.callWindowStart(), CampaignField.CALL_WINDOW_START);
        add(fields, b.callWindowEnd(), CampaignField.CALL_WINDOW_END);
        add(fields, b.callWindowTimezone(), CampaignField.CALL_WINDOW_TIMEZONE);
        add(fields, b.maxConcurrentCalls(), CampaignField.MAX_CONCURRENT_CALLS);
        add(fields, b.maxRetries(), CampaignField.MAX_RETRIES);
        add(fields, b.retryDelayMinutes(), CampaignField.RETRY_DELAY_MINUTES);
        add(fields, b.retryRules(), CampaignField.RETRY_RULES);
        add(fields, b.ringTimeoutSeconds(), CampaignField.RING_TIMEOUT_SECONDS);
        add(fields, b.maxCallDurationSeconds(), CampaignField.MAX_CALL_DURATION_SECONDS);
        add(fields, b.complianceProfile(), CampaignField.COMPLIANCE_PROFILE);
        add(fields, b.complianceOptOut(), CampaignField.COMPLIANCE_OPT_OUT);
        add(fields, b.requireConsent(), CampaignField.REQUIRE_CONSENT);
        add(fields, b.variables(), CampaignField.VARIABLES);
        return fields;
    }

    private static void add(List<CampaignField> fields, Object value, CampaignField field) {
        if (value != null) {
            fields.add(field);
        }
    }

    /** The patch applied to the current campaign (the lifecycle checked each field may change in its status). */
    private static void merge(io.outdial.campaign.persistence.Campaign c, PatchCampaign b) {
        if (b.callWindowStart() != null || b.callWindowEnd() != null || b.callWindowTimezone() != null) {
            // The patch's own fields were checked on the way in; merged with the stored ones they must still make a window.
            CallWindow.of(orDefault(b.callWindowStart(), c.callWindowStart), orDefault(b.callWindowEnd(), c.callWindowEnd),
                    orDefault(b.callWindowTimezone(), c.callWindowTimezone));
        }
        c.assistantId = orDefault(b.assistantId(), c.assistantId);
        c.companyId = orDefault(b.companyId(), c.companyId);
        c.name = b.name() == null ? c.name : b.name().trim();
        c.description = orDefault(b.description(), c.description);
        c.callWindowStart = orDefault(b.callWindowStart(), c.callWindowStart);
        c.callWindowEnd = orDefault(b.callWindowEnd(), c.callWindowEnd);
        c.callWindowTimezone = orDefault(b.callWindowTimezone(), c.callWindowTimezone);
        c.maxConcurrentCalls = orDefault(b.maxConcurrentCalls(), c.maxConcurrentCalls);
        c.maxRetries = orDefault(b.maxRetries(), c.maxRetries);
        c.retryDelayMinutes = orDefault(b.retryDelayMinutes(), c.retryDelayMinutes);
        if (b.settings() != null) {
            c.settings = new LinkedHashMap<>(b.settings());
        }
        c.scheduledStartAt = orDefault(CampaignRequests.parseInstant(b.scheduledStartAt()), c.scheduledStartAt);
        c.callRules(c.callRules().with(b.ringTimeoutSeconds(), b.maxCallDurationSeconds(), b.retryRules()));
        String profile = orDefault(b.complianceProfile(), c.complianceProfile);
        boolean optOut = orDefault(b.complianceOptOut(), c.complianceOptOut);
        // The patch's pair was checked on the way in; merged with the stored one it must still agree.
        ComplianceProfile.validate(profile, optOut).ifPresent(v -> {
            throw Refusal.invalid(v.field(), v.message());
        });
        c.complianceProfile = profile;
        c.complianceOptOut = optOut;
        c.requireConsent = orDefault(b.requireConsent(), c.requireConsent);
        if (b.variables() != null) {
            c.variables = new LinkedHashMap<>(b.variables());
        }
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
