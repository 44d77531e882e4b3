package io.outdial.campaign.domain.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The Standard Webhooks specification's published test vector (its reference libraries test against it). */
    @Test
    void signsTheStandardWebhooksReferenceVector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void aDifferentTimestampOrBodyGivesADifferentSignature() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String reference = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        assertNotEquals(reference, WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, "{\"test\": 2432232314}"));
        assertNotEquals(reference, WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232315}"));
    }

    @Test
    void newSecretsAreWhsecPrefixedBase64OfAtLeast24RandomBytes() {
        SecureRandom random = new SecureRandom();
        String secret = WebhookSignature.newSecret(random);
        assertTrue(secret.startsWith("whsec_"), secret);
        int bytes = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
        assertTrue(bytes >= 24 && bytes <= 64, "key bytes: " + bytes);
        assertNotEquals(secret, WebhookSignature.newSecret(random));
    }
}
