package io.outdial.dialer.telephony.sip;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the dialer reaches its SIP trunk. Read from the environment variables named here, so that a
 * wrong or missing one stops the dialer at start-up with a message naming it.
 *
 * @param retransmitMillis SIP timer T1: the first INVITE retransmission interval; the INVITE gives up
 *        after 64 of these (Timer B, 32 s at the default 500 ms) when nothing answers
 */
public record SipSettings(String trunkHost, int trunkPort, Transport transport, int localPort,
        Optional<Credentials> credentials, int callsPerSecond, String mediaAddress, int retransmitMillis) {

    public static final String TRUNK = "OUTDIAL_SIP_TRUNK";
    public static final String TRANSPORT = "OUTDIAL_SIP_TRANSPORT";
    public static final String LOCAL_PORT = "OUTDIAL_SIP_LOCAL_PORT";
    public static final String USERNAME = "OUTDIAL_SIP_USERNAME";
    public static final String PASSWORD = "OUTDIAL_SIP_PASSWORD";
    public static final String CPS = "OUTDIAL_SIP_CPS";
    public static final String MEDIA_ADDRESS = "OUTDIAL_SIP_MEDIA_ADDRESS";

    public static final int DEFAULT_CPS = 10;
    public static final String DEFAULT_MEDIA_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_RETRANSMIT_MILLIS = 500;

    /** Spelled as JAIN-SIP and the Via header spell it. */
    public enum Transport {
        UDP, TCP
    }

    /** What the dialer answers a 401 or 407 challenge with. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    public SipSettings {
        if (callsPerSecond <= 0) {
            throw new IllegalArgumentException(CPS + " must be a positive number of calls per second, got " + callsPerSecond);
        }
        if (retransmitMillis <= 0) {
            throw new IllegalArgumentException("the SIP retransmit interval (T1) must be positive, got " + retransmitMillis);
        }
    }

    /** A copy with another T1, which shortens every SIP timer (tests use it to reach Timer B in seconds). */
    public SipSettings withRetransmitMillis(int millis) {
        return new SipSettings(trunkHost, trunkPort, transport, localPort, credentials, callsPerSecond, mediaAddress, millis);
    }

    /** The trunk as {@code host:port}, IPv6 hosts in brackets. */
    public String trunk() {
        return (trunkHost.contains(":") ? "[" + trunkHost + "]" : trunkHost) + ":" + trunkPort;
    }

    /**
     * Reads the settings from variables named by this class's constants; a variable that is absent or
     * blank takes its default. Throws {@link IllegalArgumentException} naming the first wrong variable.
     */
    public static SipSettings fromVariables(Map<String, String> variables) {
        String trunk = value(variables, TRUNK)
                .orElseThrow(() -> new IllegalArgumentException(TRUNK + " is required with OUTDIAL_TELEPHONY=sip (host:port of the SIP trunk)"));
        int colon = trunk.lastIndexOf(':');
        String host = colon < 0 ? "" : trunk.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isBlank() || host.contains(" ") || (host.contains(":") && !trunk.startsWith("["))) {
            throw new IllegalArgumentException(TRUNK + " must be host:port, got '" + trunk + "'");
        }
        int port = port(TRUNK, trunk.substring(colon + 1), 1);

        String transportName = value(variables, TRANSPORT).orElse("udp");
        Transport transport;
        try {
            transport = Transport.valueOf(transportName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TRANSPORT + " must be udp or tcp, got '" + transportName + "'");
        }

        int localPort = port(LOCAL_PORT, value(variables, LOCAL_PORT).orElse("0"), 0);

        Optional<String> username = value(variables, USERNAME);
        Optional<String> password = value(variables, PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(
                    (username.isPresent() ? PASSWORD : USERNAME) + " is required when " + (username.isPresent() ? USERNAME : PASSWORD) + " is set");
        }
        Optional<Credentials> credentials = username.map(u -> new Credentials(u, password.get()));

        String cpsText = value(variables, CPS).orElse(String.valueOf(DEFAULT_CPS));
        int cps;
        try {
            cps = Integer.parseInt(cpsText);
        } catch (NumberFormatException e) {
            cps = 0;
        }
        if (cps <= 0) {
            throw new IllegalArgumentException(CPS + " must be a positive whole number of calls per second, got '" + cpsText + "'");
        }

        String mediaAddress = value(variables, MEDIA_ADDRESS).orElse(DEFAULT_MEDIA_ADDRESS);
        if (mediaAddress.contains(" ")) {
            throw new IllegalArgumentException(MEDIA_ADDRESS + " must be an address, got '" + mediaAddress + "'");
        }
        return new SipSettings(host, port, transport, localPort, credentials, cps, mediaAddress, DEFAULT_RETRANSMIT_MILLIS);
    }

    private static Optional<String> value(Map<String, String> variables, String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int port(String variable, String text, int lowest) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= lowest && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(variable + " must " + (variable.equals(TRUNK) ? "be host:port with a port" : "be a port")
                + " from " + lowest + " to 65535, got '" + text + "'");
    }
}
