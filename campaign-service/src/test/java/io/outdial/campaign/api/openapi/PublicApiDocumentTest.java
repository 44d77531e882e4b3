package io.outdial.campaign.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PublicApiDocumentTest {

    @Test
    void operationsNobodyNamedGetAnIdFromMethodAndPath() {
        assertEquals("getWebhooksByIdDeliveries", PublicApiDocument.derivedId("GET /api/crm/webhooks/{id}/deliveries"));
        assertEquals("postDncImport", PublicApiDocument.derivedId("POST /api/crm/dnc/import"));
        assertEquals("getCampaignsByIdResultsCsv", PublicApiDocument.derivedId("GET /api/crm/campaigns/{id}/results.csv"));
        assertEquals("deletePhoneNumbersById", PublicApiDocument.derivedId("DELETE /api/crm/phone-numbers/{id}"));
    }

    @Test
    void namedOperationIdsAreUniqueAndNoneLooksDerived() {
        Set<String> ids = new HashSet<>();
        List<String> clashes = PublicApiDocument.OPERATIONS.values().stream().map(PublicApiDocument.Spec::operationId)
                .filter(id -> !ids.add(id)).toList();
        assertEquals(List.of(), clashes);
        // A named id equal to a derived one could collide with an operation added later without a name.
        List<String> derived = PublicApiDocument.OPERATIONS.keySet().stream().map(PublicApiDocument::derivedId)
                .filter(ids::contains).toList();
        assertEquals(List.of(), derived);
    }
}
