package dev.tessera.devstack;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** {@code ./tessera status}: the launcher, and what answers on the dev stack's fixed ports. */
final class Status {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Status() {
    }

    static void print(Path dataDir) {
        System.out.println(Reaper.runningLauncher(dataDir).map(p -> "Tessera is running (launcher pid " + p.pid() + ")")
                .orElse("Tessera is not running."));
        LocalStack.Builder ports = LocalStack.builder();
        System.out.printf("  %-21s :%d  %s%n", "gateway", ports.gatewayPort, listening(ports.gatewayPort) ? "up" : "down");
        for (String service : LocalStack.SERVICES) {
            int port = ports.servicePorts.get(service);
            System.out.printf("  %-21s :%d  %s%n", service, port, health(port));
            // replicas of ./tessera up --replicas N: shown when they answer
            for (int r = 1; r < 9; r++) {
                String replica = health(ports.replicaPort(service, r));
                if (!replica.equals("down")) {
                    System.out.printf("  %-21s :%d  %s%n", LocalStack.replicaName(service, r),
                            ports.replicaPort(service, r), replica);
                }
            }
        }
        System.out.printf("  %-21s :%d  %s%n", "postgresql", ports.pgPort, listening(ports.pgPort) ? "up" : "down");
        System.out.printf("  %-21s :%d  %s%n", "kafka", ports.kafkaPort, listening(ports.kafkaPort) ? "up" : "down");
    }

    private static String health(int port) {
        try {
            int code = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return code == 200 ? "ready" : "not ready (" + code + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        } catch (Exception e) {
            return "down";
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
