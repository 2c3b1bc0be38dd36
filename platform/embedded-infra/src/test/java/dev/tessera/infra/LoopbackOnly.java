package dev.tessera.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;

/** Checks that a local port answers on the loopback address and on none of this machine's other addresses. */
final class LoopbackOnly {

    private LoopbackOnly() {
    }

    static void assertUnreachableFromOtherAddresses(int port) throws IOException {
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                assertThrows(IOException.class, () -> {
                    try (Socket other = new Socket()) {
                        other.connect(new InetSocketAddress(address, port), 2000);
                    }
                }, "port " + port + " answers on " + address.getHostAddress());
            }
        }
    }
}
