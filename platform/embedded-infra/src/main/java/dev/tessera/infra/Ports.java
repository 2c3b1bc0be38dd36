package dev.tessera.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for "port 0 = pick one" options. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port that was free a moment ago. Needed where a server must know its port before it binds
     * (Kafka's static quorum, PostgreSQL's {@code -p}); the small race is acceptable locally.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
