package dev.tessera.devstack;

import dev.tessera.infra.DevKeys;
import dev.tessera.infra.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code ./tessera up | down | wipe | status | token}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // Broker and database chatter stays out of the terminal unless something goes wrong.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Cli cli;
        try {
            cli = Cli.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(cli);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("tessera: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Cli cli) throws Exception {
        Path dataDir = cli.root().resolve(".tessera");
        switch (cli.command()) {
            case "up" -> up(cli, dataDir);
            case "down" -> down(dataDir);
            case "wipe" -> wipe(dataDir);
            case "status" -> status(dataDir);
            case "token" -> System.out.println(token(cli, dataDir));
            default -> System.out.println(Cli.USAGE);
        }
    }

    static String token(Cli cli, Path dataDir) {
        TokenMinter.Builder token = new TokenMinter(DevKeys.loadOrCreate(dataDir.resolve("keys")))
                .forUser(cli.user()).mfa(cli.mfa()).ttl(cli.ttl());
        cli.roles().forEach(token::role);
        return token.sign();
    }

    private static void up(Cli cli, Path dataDir) throws Exception {
        Path launcherPid = dataDir.resolve("run").resolve("launcher.pid");
        Reaper.readPid(launcherPid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
            throw new IllegalStateException("A Tessera stack is already running (pid " + p.pid()
                    + "); stop it with ./tessera down");
        });
        if (cli.wipe()) {
            wipe(dataDir);
        }
        Instant started = Instant.now();
        System.out.println("Starting PostgreSQL, Kafka, the four services and the gateway...");
        LocalStack stack = LocalStack.builder().projectRoot(cli.root()).dataDir(dataDir).start();
        Files.createDirectories(launcherPid.getParent());
        Files.writeString(launcherPid, Long.toString(ProcessHandle.current().pid()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Tessera...");
            stack.close();
            try {
                Files.deleteIfExists(launcherPid);
            } catch (IOException e) {
                // reaped next time
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "tessera-shutdown"));
        printSummary(stack, dataDir, Duration.between(started, Instant.now()));
        stopped.await();
    }

    private static void printSummary(LocalStack stack, Path dataDir, Duration took) {
        System.out.printf("""

                Tessera is up (%.1f s).

                  Graph base URL   %s/v1.0
                  catalog-service  http://localhost:%d   (Swagger UI /q/swagger-ui, health /q/health)
                  request-service  http://localhost:%d
                  provisioning     http://localhost:%d
                  pim-service      http://localhost:%d
                  PostgreSQL       localhost:%d  (postgres/postgres; databases catalog, request, provisioning, pim)
                  Kafka            %s
                  Data and logs    %s

                A token for an administrator:
                  ./tessera token --user 00000000-0000-0000-0000-0000000000a1 --role "Identity Governance Administrator"
                A token for any user:
                  ./tessera token --user <object id>

                Ctrl-C stops everything (data is kept; ./tessera up --wipe starts from scratch).
                """, took.toMillis() / 1000.0, stack.gatewayUrl(), stack.servicePort(LocalStack.CATALOG),
                stack.servicePort(LocalStack.REQUEST), stack.servicePort(LocalStack.PROVISIONING),
                stack.servicePort(LocalStack.PIM), stack.pgPort(), stack.kafkaBootstrap(), dataDir);
    }

    private static void down(Path dataDir) {
        Path launcherPid = dataDir.resolve("run").resolve("launcher.pid");
        var launcher = Reaper.readPid(launcherPid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (launcher.isEmpty()) {
            System.out.println("No Tessera stack is running.");
            return;
        }
        launcher.get().destroy();
        launcher.get().onExit().join();
        System.out.println("Stopped.");
    }

    private static void wipe(Path dataDir) throws IOException {
        Path launcherPid = dataDir.resolve("run").resolve("launcher.pid");
        if (Reaper.readPid(launcherPid).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isPresent()) {
            throw new IllegalStateException("Stop the running stack first (./tessera down).");
        }
        Reaper.reapLeftovers(dataDir.resolve("run"), dataDir.resolve("data").resolve("pg"));
        Path data = dataDir.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("Wiped " + data);
    }

    private static void status(Path dataDir) {
        var launcher = Reaper.readPid(dataDir.resolve("run").resolve("launcher.pid"))
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        System.out.println(launcher.map(p -> "Tessera is running (launcher pid " + p.pid() + ")")
                .orElse("Tessera is not running."));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        int port = 8081;
        for (String service : LocalStack.SERVICES) {
            String state;
            try {
                int code = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                state = code == 200 ? "ready" : "not ready (" + code + ")";
            } catch (Exception e) {
                state = "down";
            }
            System.out.printf("  %-21s :%d  %s%n", service, port++, state);
        }
    }
}
