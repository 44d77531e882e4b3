package io.outdial.campaign.domain.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "127.0.0.1, loopback", "127.255.0.9, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "100.64.0.1, private", "fc00::1, private", "fd12:3456::1, private", "fec0::1, private",
            "169.254.169.254, link-local", "fe80::1, link-local", "febf::1, link-local",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified", "255.255.255.255, reserved",
            // IPv6 addresses carrying an IPv4 one are judged by it: mapped, compatible and NAT64.
            "::ffff:127.0.0.1, loopback", "::ffff:10.0.0.1, private", "::ffff:169.254.169.254, link-local",
            "::127.0.0.1, loopback", "64:ff9b::a00:1, private", "::ffff:0.0.0.0, unspecified" })
    void refusesAddressesThatAreNotPublic(String address, String kind) throws UnknownHostException {
        assertEquals(Optional.of(kind), TargetAddresses.refusal(literal(address)));
    }

    @ParameterizedTest(name = "{0} is public")
    @CsvSource({ "93.184.216.34", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.128.0.1", "169.253.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2001:db8::1" })
    void acceptsPublicAddresses(String address) throws UnknownHostException {
        assertEquals(Optional.empty(), TargetAddresses.refusal(literal(address)));
    }

    /** A literal parsed without DNS; an IPv4-mapped literal is kept as 16 bytes, as it may come off the wire. */
    private static InetAddress literal(String address) throws UnknownHostException {
        InetAddress parsed = InetAddress.getByName(address);
        if (address.startsWith("::ffff:")) {
            byte[] v4 = parsed.getAddress();
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return java.net.Inet6Address.getByAddress(null, mapped, -1);
        }
        return parsed;
    }
}
