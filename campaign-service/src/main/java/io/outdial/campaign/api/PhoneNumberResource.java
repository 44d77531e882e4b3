package io.outdial.campaign.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.api.validation.CountryCode;
import io.outdial.campaign.api.validation.DialableNumber;
import io.outdial.campaign.application.CallerIds;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.persistence.PhoneNumber;
import io.smallrye.mutiny.Uni;

/** Caller IDs a team owns; campaigns rotate across theirs. */
@Path("/api/crm/phone-numbers")
@Tag(name = "Phone numbers")
public class PhoneNumberResource {

    @DialableNumber
    public record CreatePhoneNumber(
            @NotBlank(message = "is required") String number,
            @Size(max = 200, message = "must be at most {max} characters") String label,
            @CountryCode String defaultCountry) implements DialableNumber.Fields {
    }

    public record PhoneNumberView(String id, String teamId, String number, String label, Instant createdAt) {
        static PhoneNumberView of(PhoneNumber n) {
            return new PhoneNumberView(n.id.toString(), n.teamId, n.number, n.label, n.createdAt);
        }
    }

    public record PhoneNumberList(List<PhoneNumberView> phoneNumbers, long total, int limit, int offset) {
    }

    private final CurrentTenant tenant;
    private final CallerIds numbers;

    public PhoneNumberResource(CurrentTenant tenant, CallerIds numbers) {
        this.tenant = tenant;
        this.numbers = numbers;
    }

    @POST
    @Operation(summary = "Register a caller ID (E.164, or national with defaultCountry)")
    public Uni<Response> create(@Valid CreatePhoneNumber body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        var normalized = PhoneNumbers.normalize(body.number(), body.defaultCountry());
        return numbers.register(tenant.teamId(), normalized.get().e164(), body.label())
                .map(number -> Response.status(201).entity(PhoneNumberView.of(number)).build());
    }

    @GET
    @Operation(summary = "List the team's caller IDs")
    public Uni<PhoneNumberList> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        var paging = Paging.parse(limit, offset);
        return numbers.list(tenant.teamId(), paging).map(page -> new PhoneNumberList(
                page.numbers().stream().map(PhoneNumberView::of).toList(), page.total(), paging.limit(), paging.offset()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a caller ID that no live campaign uses")
    public Uni<Response> delete(@PathParam("id") String id) {
        var uuid = Validation.pathId("phone number", id);
        return numbers.delete(tenant.teamId(), uuid).map(ok -> Response.noContent().build());
    }
}
