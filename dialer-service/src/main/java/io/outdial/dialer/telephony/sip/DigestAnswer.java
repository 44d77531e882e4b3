package io.outdial.dialer.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer to a digest challenge (RFC 2617 as SIP uses it, RFC 3261 22.4): MD5, with
 * {@code qop=auth} when the challenge offers it. {@code auth-int}, MD5-sess and other algorithms
 * are not spoken, which the caller treats like refused credentials.
 */
public record DigestAnswer(String username, String realm, String nonce, String uri, String response, String qop,
        String cnonce, String nonceCount, String opaque) {

    /** The first (and, for the dialer, only) use of a nonce. */
    static final String FIRST_NONCE_COUNT = "00000001";

    /**
     * Answers a challenge for a request, or nothing when the challenge asks for what this class does not speak.
     * {@code qopOptions} is the challenge's {@code qop} list as sent (null when absent).
     */
    public static Optional<DigestAnswer> answer(String username, String password, String realm, String nonce, String algorithm,
            String qopOptions, String opaque, String method, String uri, String cnonce) {
        if (algorithm != null && !algorithm.equalsIgnoreCase("MD5")) {
            return Optional.empty();
        }
        String qop = null;
        if (qopOptions != null) {
            boolean auth = Arrays.stream(qopOptions.split(",")).map(o -> o.trim().toLowerCase(Locale.ROOT)).anyMatch("auth"::equals);
            if (!auth) {
                return Optional.empty();
            }
            qop = "auth";
        }
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + FIRST_NONCE_COUNT + ":" + cnonce + ":" + qop + ":" + ha2);
        return Optional.of(new DigestAnswer(username, realm, nonce, uri, response, qop, qop == null ? null : cnonce,
                qop == null ? null : FIRST_NONCE_COUNT, opaque));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }
}
