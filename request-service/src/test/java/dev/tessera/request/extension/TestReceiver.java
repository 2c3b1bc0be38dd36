package dev.tessera.request.extension;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver on the loopback interface, as a custom extension's endpoint would be: it keeps
 * every call (body, signature header) and answers 202, naming a run id as a Logic App does.
 */
final class TestReceiver implements AutoCloseable {

    record Call(String body, String signature, String calloutId) {

        /** Whether the signature is the HMAC-SHA256 of the body under the test profile's key. */
        boolean signedBy(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                        .equals(signature);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(body, exchange.getRequestHeaders().getFirst("X-Tessera-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Tessera-Callout-Id")));
            exchange.getResponseHeaders().add("x-ms-workflow-run-id", "run-" + calls.size());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** A loopback URL nothing listens on: a receiver that is down. */
    static String downUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
