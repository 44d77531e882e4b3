package io.outdial.campaign.domain.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    @Test
    void httpsIsRequiredUnlessHttpIsAllowed() {
        assertEquals(Optional.empty(), WebhookUrl.problem("https://hooks.example.com/outdial", false));
        assertEquals(Optional.of("must be an https URL"), WebhookUrl.problem("http://hooks.example.com/outdial", false));
        assertEquals(Optional.empty(), WebhookUrl.problem("http://hooks.example.com/outdial", true));
        assertEquals(Optional.of("must be an https URL"), WebhookUrl.problem("ftp://hooks.example.com/", false));
    }

    @Test
    void refusesWhatIsNotAnAbsoluteUrlOfAHost() {
        assertEquals(Optional.of("is required"), WebhookUrl.problem(" ", false));
        assertTrue(WebhookUrl.problem("fuzz", false).isPresent());
        assertEquals(Optional.of("must name a host"), WebhookUrl.problem("https:///path", false));
        assertEquals(Optional.of("must not carry credentials"), WebhookUrl.problem("https://u:p@example.com/", false));
        assertEquals(Optional.of("is not a URL"), WebhookUrl.problem("https://exa mple.com/", false));
        assertTrue(WebhookUrl.problem("https://example.com/" + "x".repeat(WebhookUrl.MAX_LENGTH), false).isPresent());
    }

    @Test
    void theHostOfAnIpv6LiteralLosesItsBrackets() {
        assertEquals("::1", WebhookUrl.host("https://[::1]:8443/hook"));
        assertEquals("example.com", WebhookUrl.host("https://example.com/hook"));
    }
}
