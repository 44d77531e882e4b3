package io.outdial.campaign.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
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
import io.outdial.campaign.api.problem.FieldError;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.persistence.PhoneNumberRepository;
import io.outdial.campaign.persistence.PhoneNumberRepository.PhoneNumberRow;
import io.smallrye.mutiny.Uni;

/** Caller IDs a team owns; campaigns rotate across theirs. */
@Path("/api/crm/phone-numbers")
@Tag(name = "Phone numbers")
public class PhoneNumberResource {

    public record CreatePhoneNumber(String number, String label, String defaultCountry) {
    }

    public record PhoneNumberView(String id, String teamId, String number, String label, Instant createdAt) {
        static PhoneNumberView of(PhoneNumberRow row) {
            return new PhoneNumberView(row.id(), row.teamId(), row.number(), row.label(), row.createdAt());
        }
    }

    public record PhoneNumberList(List<PhoneNumberView> phoneNumbers, long total, int limit, int offset) {
    }

    @Inject
    CurrentTenant tenant;

    @Inject
    PhoneNumberRepository numbers;

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
        String teamId = tenant.teamId();
        String e164 = normalized.get().e164();
        return numbers.insert(teamId, e164, body.label())
                .map(row -> {
                    if (row == null) {
                        throw ApiProblem.conflict("the team already has " + e164);
                    }
                    return Response.status(201).entity(PhoneNumberView.of(row)).build();
                });
    }

    @GET
    @Operation(summary = "List the team's caller IDs")
    public Uni<PhoneNumberList> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.parse(limit, offset);
        String teamId = tenant.teamId();
        return numbers.list(teamId, paging).flatMap(rows -> numbers.count(teamId)
                .map(total -> new PhoneNumberList(rows.stream().map(PhoneNumberView::of).toList(), total,
                        paging.limit(), paging.offset())));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a caller ID that no live campaign uses")
    public Uni<Response> delete(@PathParam("id") String id) {
        var uuid = Validation.pathId("phone number", id);
        String teamId = tenant.teamId();
        return numbers.findAll(teamId, List.of(uuid))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        throw ApiProblem.notFound("phone number", id);
                    }
                    return numbers.campaignsUsing(uuid);
                })
                .flatMap(campaigns -> {
                    if (!campaigns.isEmpty()) {
                        throw ApiProblem.conflict("phone number " + id + " is used by campaign(s) " + campaigns);
                    }
                    return numbers.delete(teamId, uuid);
                })
                .map(deleted -> Response.noContent().build());
    }
}
