package io.outdial.dialer.telephony.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The digest answer, checked against RFC 2617's worked example (section 3.5) and its form without qop. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipDigestAnswerTest {

    @Test
    void qopAuthGivesRfc2617sExampleResponse() {
        DigestAnswer answer = DigestAnswer.answer("Mufasa", "Circle Of Life", "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                null, "auth,auth-int", "5ccc069c403ebaf9f0171e9517f40e41", "GET", "/dir/index.html", "0a4f113b").orElseThrow();

        assertEquals("6629fae49393a05397450978507c4ef1", answer.response());
        assertEquals("auth", answer.qop());
        assertEquals("00000001", answer.nonceCount());
        assertEquals("0a4f113b", answer.cnonce());
        assertEquals("5ccc069c403ebaf9f0171e9517f40e41", answer.opaque());
    }

    @Test
    void withoutQopTheResponseCoversNonceAndRequestOnly() {
        DigestAnswer answer = DigestAnswer.answer("Mufasa", "Circle Of Life", "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "MD5", null, null, "GET", "/dir/index.html", "ignored").orElseThrow();

        // MD5(MD5("Mufasa:testrealm@host.com:Circle Of Life") ":" nonce ":" MD5("GET:/dir/index.html"))
        assertEquals("670fd8c2df070c60b045671b8b24ff02", answer.response());
        assertNull(answer.qop());
        assertNull(answer.cnonce());
    }

    @Test
    void challengesThisDialerDoesNotSpeakGetNoAnswer() {
        assertTrue(DigestAnswer.answer("u", "p", "r", "n", "SHA-256", null, null, "INVITE", "sip:1@h", "c").isEmpty());
        assertTrue(DigestAnswer.answer("u", "p", "r", "n", "MD5-sess", "auth", null, "INVITE", "sip:1@h", "c").isEmpty());
        assertTrue(DigestAnswer.answer("u", "p", "r", "n", null, "auth-int", null, "INVITE", "sip:1@h", "c").isEmpty());
    }
}
