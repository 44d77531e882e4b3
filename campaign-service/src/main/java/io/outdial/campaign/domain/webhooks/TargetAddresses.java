package io.outdial.campaign.domain.webhooks;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook must never reach (server-side request forgery): loopback, private,
 * shared, link-local (cloud metadata), multicast, broadcast and unspecified ones, IPv4 and IPv6.
 * An IPv6 address carrying an IPv4 one (mapped, compatible, NAT64) is judged by that IPv4 address.
 */
public final class TargetAddresses {

    private TargetAddresses() {
    }

    /** Why the address is refused ("loopback", "private", ...), or empty when it is a public one. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 16 ? ipv6(b) : ipv4(b);
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return Optional.of("unspecified");
        }
        if (a0 == 127) {
            return Optional.of("loopback");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("private");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("private"); // shared address space (carrier-grade NAT), 100.64.0.0/10
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("link-local");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("multicast");
        }
        if (a0 >= 240) {
            return Optional.of("reserved"); // 240.0.0.0/4, including the broadcast address
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (Arrays.equals(b, new byte[16])) {
            return Optional.of("unspecified");
        }
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        if (Arrays.equals(b, loopback)) {
            return Optional.of("loopback");
        }
        byte[] embedded = embeddedIpv4(b);
        if (embedded != null) {
            return ipv4(embedded);
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("private"); // unique local, fc00::/7
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("link-local"); // fe80::/10
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("private"); // deprecated site-local, fec0::/10
        }
        if (first == 0xff) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) one. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean tenZeros = true;
        for (int i = 0; i < 10; i++) {
            tenZeros &= b[i] == 0;
        }
        boolean mapped = tenZeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = tenZeros && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 15);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 11);
        return mapped || compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
