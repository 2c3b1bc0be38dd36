package dev.tessera.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on the loopback interface, for "port 0 = pick one" options. */
public final class Ports {

    private Ports() {
    }

    /**
     * A port that was free a moment ago. Needed where a server must know its port before it binds
     * (Kafka's static quorum, PostgreSQL's {@code -p}); the small race is acceptable locally.
     */
    public static int free() {
        // The kernel may hand the same ephemeral port out twice in a row once it is closed again;
        // never give one port to two callers of this JVM (a broker's listener and its controller).
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = probe();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port that was not handed out already");
    }

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static int probe() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
