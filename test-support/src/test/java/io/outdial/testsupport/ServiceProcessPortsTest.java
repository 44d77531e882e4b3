package io.outdial.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ServiceProcessPortsTest {

    @Test
    void servicePortsAreDistinctAndBelowTheRangeForOutgoingConnections() throws Exception {
        int outgoingFrom = ServiceProcess.ephemeralPortsFrom();
        if (Files.exists(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            // Linux's range starts at 32768 unless set otherwise; never in the privileged ports.
            assertTrue(outgoingFrom >= 1024, "read the range's start as " + outgoingFrom);
        }
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = ServiceProcess.freePort();
            assertTrue(port < outgoingFrom || outgoingFrom - 1024 < 1000, port + " is in the range for outgoing connections");
            ports.add(port);
        }
        assertEquals(50, ports.size(), "a port was handed out twice: " + ports);
    }
}
