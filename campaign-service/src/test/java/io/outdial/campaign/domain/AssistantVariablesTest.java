package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AssistantVariablesTest {

    @Test
    void theMostSpecificValueWinsCampaignThenNamesThenCustomFields() {
        var merged = AssistantVariables.merge(Map.of("offer", "spring20", "firstName", "Customer", "plan", "basic"), "Ada", null,
                Map.of("plan", "gold"));
        assertEquals(Map.of("offer", "spring20", "firstName", "Ada", "plan", "gold"), merged);
    }

    @Test
    void emptyContactValuesKeepTheCampaignsDefaultAndOnlyIdentifiersTakePart() {
        var merged = AssistantVariables.merge(Map.of("firstName", "Customer", "note", ""), "", "Lovelace",
                Map.of("note", "", "not a name", "x", "9lives", "x"));
        assertEquals(Map.of("firstName", "Customer", "lastName", "Lovelace", "note", ""), merged);
    }

    @Test
    void namesAreIdentifiersOfAtMost64Characters() {
        assertTrue(AssistantVariables.isName("a" + "_1".repeat(31) + "b"));
        assertFalse(AssistantVariables.isName("a".repeat(65)));
        assertFalse(AssistantVariables.isName("_a"));
        assertFalse(AssistantVariables.isName("first-name"));
        assertFalse(AssistantVariables.isName(null));
    }
}
