package io.outdial.campaign.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.outdial.campaign.api.auth.CurrentTenant;
import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.CampaignExport;
import io.outdial.campaign.application.ExportBatches;
import io.outdial.campaign.domain.CsvCells;
import io.outdial.campaign.domain.ResultLine;
import io.outdial.contract.calls.CallRecord;
import io.smallrye.common.annotation.Blocking;

/**
 * A campaign's results and calls as CSV (RFC 4180, header row), streamed batch by batch as they are
 * read. Every cell goes through {@link CsvCells#safe}: one starting with = + - @ (or tab, CR) gets a
 * leading single quote, so E.164 numbers read '+12025550123.
 */
@Path("/api/crm/campaigns")
@Tag(name = "Campaigns")
public class CampaignExportResource {

    static final List<String> CALLS_HEADER = List.of("id", "campaignId", "contactId", "campaignContactId", "attempt",
            "fromNumber", "toNumber", "status", "outcome", "endReason", "queuedAt", "initiatedAt", "answeredAt", "endedAt",
            "durationSeconds", "sipStatus", "localTimeAtCallee");

    private static final String CSV = "text/csv; charset=utf-8";

    private final CurrentTenant tenant;
    private final CampaignExport export;

    public CampaignExportResource(CurrentTenant tenant, CampaignExport export) {
        this.tenant = tenant;
        this.export = export;
    }

    @GET
    @Path("/{id}/results.csv")
    @Produces("text/csv")
    @Blocking
    @Operation(operationId = "exportCampaignResults", summary = "Export a campaign's results as CSV",
            description = "One row per campaign contact, by contact id, streamed. Columns: contactId, name, phone, status,"
                    + " result (the outcome once the contact is completed or failed, the skip reason when skipped, else"
                    + " the current status), attempts, lastCallAtCallee (when the last attempt started, at the callee's"
                    + " clock: ISO 8601 with offset, in the contact's timezone, else the number's when it has one zone,"
                    + " else UTC), talkSeconds (talk time over all its calls, rounded). A cell starting with = + - or @"
                    + " is prefixed with a single quote, so spreadsheets do not read it as a formula (phone numbers read"
                    + " '+12025550123).")
    public Response results(@PathParam("id") String id) {
        UUID campaign = Validation.pathId("campaign", id);
        ExportBatches<ResultLine> rows = open(() -> export.results(tenant.teamId(), campaign));
        return csv("campaign-" + campaign + "-results.csv", ResultLine.HEADER, rows, ResultLine::cells);
    }

    @GET
    @Path("/{id}/calls.csv")
    @Produces("text/csv")
    @Blocking
    @Operation(operationId = "exportCampaignCalls", summary = "Export a campaign's calls as CSV",
            description = "One row per call (the fields of GET /api/crm/calls), by call id, streamed. Columns: id,"
                    + " campaignId, contactId, campaignContactId, attempt, fromNumber, toNumber, status, outcome,"
                    + " endReason, queuedAt, initiatedAt, answeredAt, endedAt, durationSeconds, sipStatus,"
                    + " localTimeAtCallee. A cell starting with = + - or @ is prefixed with a single quote.")
    public Response calls(@PathParam("id") String id) {
        UUID campaign = Validation.pathId("campaign", id);
        ExportBatches<CallRecord> rows = open(() -> export.calls(tenant.teamId(), campaign));
        return csv("campaign-" + campaign + "-calls.csv", CALLS_HEADER, rows, CampaignExportResource::callCells);
    }

    /** Opens the export, reading its first batch: a call-result-service that cannot answer refuses it with 503. */
    private static <T> ExportBatches<T> open(Supplier<ExportBatches<T>> opening) {
        try {
            return opening.get();
        } catch (CampaignExport.CallRecordsUnavailable e) {
            throw new ApiProblem(503, "Service unavailable", "call records cannot be read right now; retry shortly",
                    List.of(), Map.of());
        }
    }

    private static <T> Response csv(String filename, List<String> header, ExportBatches<T> rows,
            Function<T, List<String>> cells) {
        StreamingOutput body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                    .setHeader(header.toArray(String[]::new)).get())) {
                rows.forEach(batch -> {
                    try {
                        for (T row : batch) {
                            csv.printRecord(cells.apply(row).stream().map(CsvCells::safe).toList());
                        }
                        csv.flush();
                    } catch (IOException failure) {
                        throw new UncheckedIOException(failure);
                    }
                });
            }
        };
        return Response.ok(body, CSV).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    private static List<String> callCells(CallRecord c) {
        return Arrays.asList(c.id(), c.campaignId(), c.contactId(), c.campaignContactId(), text(c.attempt()), c.fromNumber(),
                c.toNumber(), c.status(), c.outcome(), c.endReason(), text(c.queuedAt()), text(c.initiatedAt()),
                text(c.answeredAt()), text(c.endedAt()), text(c.durationSeconds()), text(c.sipStatus()),
                c.localTimeAtCallee());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
