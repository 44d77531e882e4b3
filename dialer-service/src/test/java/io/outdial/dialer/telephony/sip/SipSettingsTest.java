package io.outdial.dialer.telephony.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sip provider's environment: defaults, and a message naming the variable when one is wrong. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipSettingsTest {

    private static Map<String, String> variables(String... namesAndValues) {
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    private static void assertRefused(String variable, Map<String, String> variables) {
        var refused = assertThrows(IllegalArgumentException.class, () -> SipSettings.fromVariables(variables));
        assertTrue(refused.getMessage().startsWith(variable + " "), refused.getMessage());
    }

    @Test
    void onlyTheTrunkIsRequired() {
        SipSettings settings = SipSettings.fromVariables(variables(SipSettings.TRUNK, "sip.example.net:5080"));

        assertEquals(new SipSettings("sip.example.net", 5080, SipSettings.Transport.UDP, 0, Optional.empty(), 10, "127.0.0.1", 500),
                settings);
        assertEquals("sip.example.net:5080", settings.trunk());
    }

    @Test
    void everySettingIsRead() {
        SipSettings settings = SipSettings.fromVariables(variables(SipSettings.TRUNK, "[::1]:5060", SipSettings.TRANSPORT, "TCP",
                SipSettings.LOCAL_PORT, "5070", SipSettings.USERNAME, "outdial", SipSettings.PASSWORD, "s3cret",
                SipSettings.CPS, "25", SipSettings.MEDIA_ADDRESS, "10.0.0.5"));

        assertEquals(new SipSettings("::1", 5060, SipSettings.Transport.TCP, 5070,
                Optional.of(new SipSettings.Credentials("outdial", "s3cret")), 25, "10.0.0.5", 500), settings);
        assertEquals("[::1]:5060", settings.trunk());
        assertFalse(settings.toString().contains("s3cret"), "the password stays out of logs: " + settings);
    }

    @Test
    void blankVariablesTakeTheirDefaults() {
        SipSettings settings = SipSettings.fromVariables(variables(SipSettings.TRUNK, "trunk:5060", SipSettings.TRANSPORT, " ",
                SipSettings.CPS, ""));

        assertEquals(SipSettings.Transport.UDP, settings.transport());
        assertEquals(10, settings.callsPerSecond());
    }

    @Test
    void wrongSettingsAreRefusedNamingTheirVariable() {
        assertRefused(SipSettings.TRUNK, variables());
        assertRefused(SipSettings.TRUNK, variables(SipSettings.TRUNK, "sip.example.net"));
        assertRefused(SipSettings.TRUNK, variables(SipSettings.TRUNK, ":5060"));
        assertRefused(SipSettings.TRUNK, variables(SipSettings.TRUNK, "sip.example.net:http"));
        assertRefused(SipSettings.TRUNK, variables(SipSettings.TRUNK, "sip.example.net:70000"));
        assertRefused(SipSettings.TRUNK, variables(SipSettings.TRUNK, "::1:5060"));
        assertRefused(SipSettings.TRANSPORT, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.TRANSPORT, "tls"));
        assertRefused(SipSettings.LOCAL_PORT, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.LOCAL_PORT, "-1"));
        assertRefused(SipSettings.CPS, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.CPS, "0"));
        assertRefused(SipSettings.CPS, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.CPS, "-3"));
        assertRefused(SipSettings.CPS, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.CPS, "fast"));
        assertRefused(SipSettings.PASSWORD, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.USERNAME, "outdial"));
        assertRefused(SipSettings.USERNAME, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.PASSWORD, "s3cret"));
        assertRefused(SipSettings.MEDIA_ADDRESS, variables(SipSettings.TRUNK, "trunk:5060", SipSettings.MEDIA_ADDRESS, "a b"));
    }
}
