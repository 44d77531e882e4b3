package io.outdial.dialer.telephony.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outdial.dialer.telephony.sip.OutdialHeaders.Header;

class OutdialHeadersTest {

    @Test
    void printableAsciiPassesAndEverythingElseIsPercentEncoded() {
        assertEquals("Jane Doe; plan=\"gold\", <vip>", OutdialHeaders.value("Jane Doe; plan=\"gold\", <vip>"));
        assertEquals("Jos%C3%A9 M%C3%BCller", OutdialHeaders.value("José Müller"));
        assertEquals("a%0D%0AX-Injected: 1", OutdialHeaders.value("a\r\nX-Injected: 1"), "CR/LF never end the header");
        assertEquals("100%25", OutdialHeaders.value("100%"), "a literal % is encoded, so decoding is unambiguous");
        assertEquals("%20padded%20", OutdialHeaders.value(" padded "), "spaces at either end survive trimming parsers");
        assertEquals("%F0%9F%98%80%09", OutdialHeaders.value("\uD83D\uDE00\t"));
    }

    @Test
    void longValuesAreCutAtACharactersBoundary() {
        assertEquals("x".repeat(OutdialHeaders.MAX_VALUE_BYTES), OutdialHeaders.value("x".repeat(2000)));
        String cut = OutdialHeaders.value("é".repeat(1000));
        assertTrue(cut.length() <= OutdialHeaders.MAX_VALUE_BYTES && cut.endsWith("%C3%A9"), cut);
        assertEquals(0, cut.length() % 6, "no character split");
    }

    @Test
    void onlyIdentifiersBecomeHeaderNamesAndTheTotalIsBounded() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("firstName", "Ada");
        variables.put("bad: name", "x");
        variables.put("evil\r\nVia", "x");
        variables.put("plan", "gold");
        assertEquals(List.of(new Header("X-Outdial-Var-firstName", "Ada"), new Header("X-Outdial-Var-plan", "gold")),
                OutdialHeaders.variables(variables));

        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 80; i++) {
            many.put("v" + i, "y".repeat(500));
        }
        List<Header> headers = OutdialHeaders.variables(many);
        int bytes = headers.stream().mapToInt(h -> h.name().length() + 2 + h.value().length()).sum();
        assertTrue(bytes <= OutdialHeaders.MAX_VARIABLE_BYTES && headers.size() == 7, headers.size() + " headers, " + bytes + " bytes");

        Map<String, String> small = new LinkedHashMap<>();
        for (int i = 0; i < 80; i++) {
            small.put("v" + i, "1");
        }
        assertEquals(OutdialHeaders.MAX_VARIABLES, OutdialHeaders.variables(small).size());
    }
}
