package io.outdial.dialer.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code X-Outdial-*} header values the INVITE carries for the assistant runtime, made safe for
 * any SIP parser on the way: one {@code X-Outdial-Var-<name>} header per variable (AI voice
 * platforms turn each {@code X-} header into a variable of its own), values in printable ASCII
 * (other bytes of their UTF-8, {@code %}, and spaces at either end percent-encoded, so CR/LF can
 * never end the header), each at most {@link #MAX_VALUE_BYTES} and all variables at most
 * {@link #MAX_VARIABLE_BYTES} together, since carriers and middleboxes drop long lines and
 * large INVITEs.
 */
final class OutdialHeaders {

    static final String VARIABLE_PREFIX = "X-Outdial-Var-";
    /** Keeps a header line under the 1024 bytes many SIP parsers assume. */
    static final int MAX_VALUE_BYTES = 900;
    static final int MAX_VARIABLES = 50;
    static final int MAX_VARIABLE_BYTES = 4096;

    /** Only identifiers become header names: the command comes from another service, but a name must never carry ": " or CR/LF. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private OutdialHeaders() {
    }

    record Header(String name, String value) {
    }

    /** The variables' headers in the command's order, until {@link #MAX_VARIABLES} or {@link #MAX_VARIABLE_BYTES}; others are left out. */
    static List<Header> variables(Map<String, String> variables) {
        List<Header> out = new ArrayList<>();
        int bytes = 0;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            if (out.size() == MAX_VARIABLES) {
                break;
            }
            if (variable.getValue() == null || !NAME.matcher(variable.getKey()).matches()) {
                continue;
            }
            Header header = new Header(VARIABLE_PREFIX + variable.getKey(), value(variable.getValue()));
            int size = header.name().length() + 2 + header.value().length();
            if (bytes + size > MAX_VARIABLE_BYTES) {
                continue;
            }
            bytes += size;
            out.add(header);
        }
        return out;
    }

    /**
     * {@code text} as a header value: printable ASCII as it is, everything else as the percent-encoded
     * bytes of its UTF-8; cut at a character's boundary past {@link #MAX_VALUE_BYTES}.
     */
    static String value(String text) {
        StringBuilder out = new StringBuilder();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            // Parsers trim spaces at either end of a value: encoded, they survive.
            boolean edgeSpace = c == ' ' && (i == 0 || i == codePoints.length - 1);
            String encoded = c > 0x20 && c < 0x7f && c != '%' || c == ' ' && !edgeSpace ? Character.toString(c) : percent(c);
            if (out.length() + encoded.length() > MAX_VALUE_BYTES) {
                break;
            }
            out.append(encoded);
        }
        return out.toString();
    }

    private static String percent(int codePoint) {
        StringBuilder out = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
