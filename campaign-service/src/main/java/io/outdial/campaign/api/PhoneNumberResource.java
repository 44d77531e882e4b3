package io.outdial.campaign.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.application.CallerIds;
import io.outdial.campaign.persistence.PhoneNumber;
import io.smallrye.mutiny.Uni;

/** Caller IDs a team owns; campaigns rotate across theirs. */
@Path("/api/crm/phone-numbers")
@Tag(name = "Phone numbers")
public class PhoneNumberResource {

    public record CreatePhoneNumber(String number, String label, String defaultCountry) {
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
    public Uni<Response> create(CreatePhoneNumber body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Validation.optionalText(errors, "label", body.label(), 200);
        if (body.defaultCountry() != null && !PhoneNumbers.isKnownRegion(body.defaultCountry())) {
            errors.add(new FieldError("defaultCountry", "must be an ISO 3166 alpha-2 country code such as US"));
        }
        var normalized = PhoneNumbers.normalize(body.number(), body.defaultCountry());
        if (body.number() == null || body.number().isBlank()) {
            errors.add(new FieldError("number", "is required"));
        } else if (normalized.isEmpty()) {
            errors.add(new FieldError("number", "is not a valid phone number (use E.164, e.g. +12025550123)"));
        }
        Validation.throwIfAny(errors);
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
