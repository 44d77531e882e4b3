package io.outdial.campaign.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.validation.CountryCode;
import io.outdial.campaign.api.validation.DialableNumber;
import io.outdial.campaign.application.ContactDirectory;
import io.outdial.campaign.application.DoNotCallList;
import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.DncCsvSource;
import io.outdial.campaign.domain.ImportReport;
import io.outdial.campaign.domain.MalformedImportException;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.persistence.DncNumber;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The team's do-not-call list: numbers none of its campaigns dial. */
@Path("/api/crm/dnc")
@Tag(name = "Do-not-call list")
public class DncResource {

    @DialableNumber
    public record AddDncNumber(
            @NotBlank(message = "is required") String number,
            @CountryCode String defaultCountry,
            @Size(max = DoNotCallList.MAX_SOURCE_LENGTH, message = "must be at most {max} characters") String source)
            implements DialableNumber.Fields {
    }

    public record DncEntry(String number, String source, Instant createdAt) {
        static DncEntry of(DncNumber n) {
            return new DncEntry(n.number, n.source, n.createdAt);
        }
    }

    public record DncList(List<DncEntry> numbers, long total, int limit, int offset) {
    }

    public record DncImportResult(long imported, long alreadyListed, long failed, List<ImportReport.RowError> errors) {
    }

    private final CurrentTenant tenant;
    private final DoNotCallList list;

    public DncResource(CurrentTenant tenant, DoNotCallList list) {
        this.tenant = tenant;
        this.list = list;
    }

    @GET
    @Operation(summary = "List the team's do-not-call numbers", description = "Ordered by number (E.164).")
    public Uni<DncList> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        var paging = Paging.parse(limit, offset);
        return list.list(tenant.teamId(), paging).map(page -> new DncList(
                page.numbers().stream().map(DncEntry::of).toList(), page.total(), paging.limit(), paging.offset()));
    }

    @POST
    @Operation(summary = "Add a number to the do-not-call list", description = "number in E.164, or national with"
            + " defaultCountry; stored in E.164. 201 when added; 200 with the existing entry (unchanged) when the"
            + " number is listed already. No campaign of the team dials it once this answers.")
    public Uni<Response> add(@Valid AddDncNumber body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        String e164 = PhoneNumbers.normalize(body.number(), body.defaultCountry()).orElseThrow().e164();
        return list.add(tenant.teamId(), e164, body.source())
                .map(added -> Response.status(added.added() ? 201 : 200).entity(DncEntry.of(added.entry())).build());
    }

    @DELETE
    @Path("/{number}")
    @Operation(summary = "Take a number off the do-not-call list", description = "The number in E.164, URL-encoded"
            + " (%2B12025550123), or national with defaultCountry. 404 when it is not on the list.")
    public Uni<Response> delete(@PathParam("number") String number, @QueryParam("defaultCountry") String defaultCountry) {
        checkDefaultCountry(defaultCountry);
        // A number that is not one cannot be on the list: not found, as an unknown id.
        var e164 = PhoneNumbers.normalize(number, defaultCountry)
                .orElseThrow(() -> Refusal.notFound("do-not-call entry", number)).e164();
        return list.remove(tenant.teamId(), e164).map(ok -> Response.noContent().build());
    }

    @POST
    @Path("/import")
    @Consumes({ "text/csv", "application/csv" })
    @Blocking
    @Operation(summary = "Import do-not-call numbers from CSV", description = "A header row names the columns: number"
            + " (required) and source (optional). Rows are numbered from 1 after the header. Numbers listed already"
            + " (or repeated in the file) count in alreadyListed and stay as they were; bad rows are reported (at"
            + " most 1000 errors; failed counts all) and the others listed. The body is streamed and the import is"
            + " one transaction: a broken file answers 400 and lists nothing. National formats need defaultCountry.")
    public DncImportResult importCsv(InputStream body, @QueryParam("defaultCountry") String defaultCountry,
            @Context HttpHeaders headers) {
        checkDefaultCountry(defaultCountry);
        DncCsvSource source;
        try {
            source = new DncCsvSource(new InputStreamReader(body, ContactResource.charsetOf(headers.getMediaType())));
        } catch (MalformedImportException e) {
            throw ApiProblem.invalid(e.field(), e.getMessage());
        } catch (IOException e) {
            throw ContactDirectory.unreadable(e);
        }
        var result = list.importAll(tenant.teamId(), source, defaultCountry);
        return new DncImportResult(result.imported(), result.alreadyListed(), result.failed(), result.errors());
    }

    private static void checkDefaultCountry(String defaultCountry) {
        ContactDraft.checkDefaultCountry(defaultCountry).ifPresent(v -> {
            throw ApiProblem.invalid(v.field(), v.message());
        });
    }
}
