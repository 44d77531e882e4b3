package io.outdial.campaign.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.validation.StorableText;
import io.outdial.campaign.application.ContactDirectory;
import io.outdial.campaign.domain.ContactConsent;
import io.outdial.campaign.domain.ContactCsvSource;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.ContactImportSource;
import io.outdial.campaign.domain.ContactKey;
import io.outdial.campaign.domain.ContactJsonSource;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.ImportReport;
import io.outdial.campaign.domain.MalformedImportException;
import io.outdial.campaign.persistence.Contact;
import io.outdial.campaign.persistence.ContactRepository.ContactFilter;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The team's CRM contacts, which campaigns draw from. */
@Path("/api/crm/contacts")
@Tag(name = "Contacts")
public class ContactResource {

    public static final int MAX_SEARCH_LENGTH = 200;

    /** Body of a create ({@code phone} required) or a change (every member optional; null = unchanged). */
    public record ContactBody(String firstName, String lastName, String phone, String email, String companyId,
            String timezone, Boolean doNotCall, Map<String, Object> customFields, List<String> tags,
            String defaultCountry, String state, ConsentBody consent) {
        ContactDraft draft() {
            return new ContactDraft(firstName, lastName, phone, email, companyId, timezone, doNotCall, customFields, tags,
                    state, consent == null ? null : new ContactDraft.ConsentDraft(consent.type(), consent.obtainedAt(),
                            consent.source()));
        }
    }

    /** The consent a contact gave: type express_written, express or none; obtainedAt ISO 8601 with offset. */
    public record ConsentBody(String type, String obtainedAt, String source) {
    }

    public record ConsentView(String type, Instant obtainedAt, String source) {
        static ConsentView of(ContactConsent consent) {
            return consent == null ? null
                    : new ConsentView(consent.type().wireName(), consent.obtainedAt(), consent.source());
        }
    }

    /** {@code state} in ISO 3166-2 form (US-FL); {@code consent} null when none was recorded. */
    public record ContactView(String id, String teamId, String firstName, String lastName, String phone, String email,
            String companyId, String timezone, boolean doNotCall, Map<String, Object> customFields, List<String> tags,
            String state, ConsentView consent, Instant createdAt, Instant updatedAt) {
        static ContactView of(Contact c) {
            return new ContactView(c.id.toString(), c.teamId, c.firstName, c.lastName, c.phone, c.email, c.companyId,
                    c.timezone, c.doNotCall, c.customFields, c.tags, c.state, ConsentView.of(c.consent()), c.createdAt,
                    c.updatedAt);
        }
    }

    /** {@code nextCursor}: pass it as {@code cursor} for the next page; null on the last page. */
    public record ContactList(List<ContactView> contacts, long total, int limit, int offset, String nextCursor) {
    }

    /** {@code importId} names the contacts this import created (a campaign can add them with the importId filter). */
    public record ImportResult(long imported, long failed, List<ImportReport.RowError> errors, String importId) {
        static ImportResult of(ImportReport report) {
            return new ImportResult(report.imported(), report.failed(), report.errors(), report.importId().toString());
        }
    }

    private final CurrentTenant tenant;
    private final ContactDirectory contacts;

    public ContactResource(CurrentTenant tenant, ContactDirectory contacts) {
        this.tenant = tenant;
        this.contacts = contacts;
    }

    @POST
    @Operation(summary = "Create a contact", description = "phone is required: E.164, or a national format with"
            + " defaultCountry (ISO 3166 alpha-2). timezone (IANA) is inferred from the number when omitted. state is a"
            + " US state or territory or Canadian province code (FL or US-FL), answered in ISO 3166-2 form (US-FL)."
            + " consent {type: express_written | express | none, obtainedAt, source} records what the contact agreed"
            + " to; campaigns with requireConsent call only express or express_written.")
    public Uni<Response> create(ContactBody body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        var checked = body.draft().toNewContact(body.defaultCountry());
        throwIfInvalid(body.defaultCountry(), checked.violations());
        return contacts.create(tenant.teamId(), checked.value())
                .map(contact -> Response.status(201).entity(ContactView.of(contact)).build());
    }

    @GET
    @Operation(summary = "List the team's contacts", description = "search matches a substring of first name, last"
            + " name, email or phone, ignoring case; companyId and doNotCall (true/false) filter exactly. Oldest first."
            + " Pages by offset, or by cursor: pass a page's nextCursor as cursor (without offset) for the next one;"
            + " nextCursor is null on the last page. Cursor pages neither skip nor repeat contacts while others are added.")
    public Uni<ContactList> list(
            @QueryParam("search") @StorableText @Size(max = MAX_SEARCH_LENGTH, message = "must be at most {max} characters") String search,
            @QueryParam("companyId") @StorableText
            @Size(max = ContactDraft.MAX_COMPANY_ID_LENGTH, message = "must be at most {max} characters") String companyId,
            @QueryParam("doNotCall") String doNotCall, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset, @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Boolean dnc = null;
        if (doNotCall != null && !doNotCall.isEmpty()) {
            if (doNotCall.equals("true") || doNotCall.equals("false")) {
                dnc = Boolean.valueOf(doNotCall);
            } else {
                errors.add(new FieldError("doNotCall", "must be true or false"));
            }
        }
        Validation.throwIfAny(errors);
        ContactKey after = Paging.cursor(cursor, offset, ContactKey::parse);
        var paging = Paging.parse(limit, offset);
        ContactFilter filter = new ContactFilter(search, companyId == null || companyId.isEmpty() ? null : companyId, dnc);
        return contacts.list(tenant.teamId(), filter, paging, after).map(page -> new ContactList(
                page.contacts().stream().map(ContactView::of).toList(), page.total(), paging.limit(), paging.offset(),
                page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a contact")
    public Uni<ContactView> get(@PathParam("id") String id) {
        var uuid = Validation.pathId("contact", id);
        return contacts.get(tenant.teamId(), uuid).map(ContactView::of);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a contact", description = "Every field is optional; an absent or null field is"
            + " unchanged. The same rules as for creation apply to the fields given. A new phone does not change"
            + " timezone: send timezone with it when the contact moved. A given consent replaces the recorded one"
            + " ({\"type\": \"none\"} withdraws it). A new phone, timezone or state makes the contact's waiting"
            + " campaign memberships be decided again.")
    public Uni<ContactView> patch(@PathParam("id") String id, ContactBody body) {
        var uuid = Validation.pathId("contact", id);
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        var checked = body.draft().toChanges(body.defaultCountry());
        throwIfInvalid(body.defaultCountry(), checked.violations());
        return contacts.change(tenant.teamId(), uuid, checked.value()).map(ContactView::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a contact", description = "Refused (409) while a campaign is calling the contact"
            + " (queued or calling). Otherwise the contact leaves every campaign it is in, then is deleted.")
    public Uni<Response> delete(@PathParam("id") String id) {
        var uuid = Validation.pathId("contact", id);
        return contacts.delete(tenant.teamId(), uuid).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/import")
    @Consumes({ "text/csv", "application/csv" })
    @Blocking
    @Operation(summary = "Import contacts from CSV", description = "A header row names the columns (firstName,"
            + " lastName, phone, email, timezone, companyId, doNotCall, state, consentType, consentObtainedAt,"
            + " consentSource; phone required, any order). Rows are"
            + " numbered from 1 after the header. Bad rows are reported (at most 1000 errors; failed counts all)"
            + " and the others imported. The body is streamed, and the whole import is one transaction: a broken"
            + " file (e.g. an unterminated quote) answers 400 and imports nothing. National phone formats need"
            + " the defaultCountry query parameter. importId names the contacts it created (see the importId filter"
            + " of adding contacts to a campaign).")
    public ImportResult importCsv(InputStream body, @QueryParam("defaultCountry") String defaultCountry,
            @Context HttpHeaders headers) {
        checkDefaultCountry(defaultCountry);
        return runImport(csvSource(body, headers), defaultCountry);
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Import contacts from JSON", description = "Body {\"defaultCountry\"?: \"US\", \"contacts\":"
            + " [{contact}, ...]}, each contact as for creation. The body is streamed, so defaultCountry (or the"
            + " defaultCountry query parameter) must come before contacts. Bad rows (numbered from 1) are reported"
            + " (at most 1000 errors; failed counts all); a broken body answers 400 and, as the import is one"
            + " transaction, imports nothing. importId names the contacts it created.")
    public ImportResult importJson(InputStream body, @QueryParam("defaultCountry") String defaultCountry) {
        checkDefaultCountry(defaultCountry);
        return runImport(jsonSource(body), defaultCountry);
    }

    private ImportResult runImport(ContactImportSource source, String defaultCountryParam) {
        return ImportResult.of(contacts.importAll(tenant.teamId(), source, defaultCountryParam));
    }

    /** The rows of a CSV import body, in the charset it declares. */
    static ContactImportSource csvSource(InputStream body, HttpHeaders headers) {
        try {
            return new ContactCsvSource(new InputStreamReader(body, charsetOf(headers.getMediaType())));
        } catch (MalformedImportException e) {
            throw ApiProblem.invalid(e.field(), e.getMessage());
        } catch (IOException e) {
            throw ContactDirectory.unreadable(e);
        }
    }

    /** The rows of a JSON import body. */
    static ContactImportSource jsonSource(InputStream body) {
        try {
            return new ContactJsonSource(body);
        } catch (IOException e) {
            throw ContactDirectory.unreadable(e);
        }
    }

    static void checkDefaultCountry(String defaultCountry) {
        ContactDraft.checkDefaultCountry(defaultCountry).ifPresent(v -> {
            throw ApiProblem.invalid(v.field(), v.message());
        });
    }

    /** The charset a text body declares; UTF-8 when it declares none. */
    static Charset charsetOf(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("Content-Type", "unknown charset " + name);
        }
    }

    private static void throwIfInvalid(String defaultCountry, List<ContactDraft.Violation> violations) {
        List<FieldError> errors = new ArrayList<>();
        ContactDraft.checkDefaultCountry(defaultCountry).ifPresent(v -> errors.add(new FieldError(v.field(), v.message())));
        violations.forEach(v -> errors.add(new FieldError(v.field(), v.message())));
        Validation.throwIfAny(errors);
    }
}
