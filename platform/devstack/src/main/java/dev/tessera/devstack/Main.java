package dev.tessera.devstack;

import dev.tessera.infra.DevKeys;
import dev.tessera.infra.TokenMinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code ./tessera up | down | wipe | status | token}; the bash script passes {@code --root}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
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
        } catch (Exception e) {
            System.err.println("tessera: " + e);
            System.exit(1);
        }
    }

    private static void run(Cli cli) throws Exception {
        Path dataDir = cli.root().resolve(".tessera");
        switch (cli.command()) {
            case "up" -> up(cli, dataDir);
            case "down" -> down(dataDir);
            case "wipe" -> wipe(dataDir);
            case "status" -> Status.print(dataDir);
            case "token" -> System.out.println(token(cli, dataDir));
            case "redrive" -> {
                Redrive.Outcome outcome = Redrive.run(cli.bootstrap(), Redrive.clientSettings(cli.commandConfig()),
                        cli.topic(), System.out);
                if (!outcome.refused().isEmpty()) {
                    // exit status 3: the operator (or a script) must look at what was refused
                    System.exit(3);
                }
            }
            case "drill" -> {
                if (!drill(cli, dataDir)) {
                    // exit status 4: the drill found something lost, doubled, stuck or unexpected
                    System.exit(4);
                }
            }
            case "help" -> System.out.println(Cli.USAGE);
            default -> throw new IllegalArgumentException("Unknown command '" + cli.command() + "'\n" + Cli.USAGE);
        }
    }

    /**
     * A bearer token signed with the stack's key (generated here if the stack never ran): a user's
     * (delegated), an app's with {@code --app} (app-only), or with {@code --service} request-service's
     * service token.
     */
    static String token(Cli cli, Path dataDir) {
        TokenMinter minter = new TokenMinter(DevKeys.loadOrCreate(dataDir.resolve("keys")));
        if (cli.service()) {
            return minter.serviceToken(cli.ttl());
        }
        if (cli.app()) {
            // --role names application permissions here, not directory roles
            return minter.forApp(cli.user() != null ? cli.user() : "tessera-cli").appRoles(cli.roles()).ttl(cli.ttl()).sign();
        }
        TokenMinter.Builder token = minter.forUser(cli.user()).mfa(cli.mfa()).ttl(cli.ttl());
        cli.roles().forEach(token::role);
        if (cli.scopes() != null) {
            token.scopes(cli.scopes());
        }
        if (cli.email() != null) {
            token.email(cli.email());
        }
        return token.sign();
    }

    private static void up(Cli cli, Path dataDir) throws Exception {
        Path launcherPid = dataDir.resolve("run").resolve("launcher.pid");
        Reaper.runningLauncher(dataDir).ifPresent(p -> {
            throw new IllegalStateException("A Tessera stack is already running (pid " + p.pid()
                    + "); stop it with ./tessera down");
        });
        if (cli.wipe()) {
            wipe(dataDir);
        }
        Instant started = Instant.now();
        System.out.println("Starting PostgreSQL, Kafka, the four services and the gateway...");
        LocalStack stack = LocalStack.builder().projectRoot(cli.root()).dataDir(dataDir).replicas(cli.replicas()).build();
        Files.createDirectories(launcherPid.getParent());
        Files.writeString(launcherPid, Long.toString(ProcessHandle.current().pid()));
        // Registered before start(): Ctrl-C or ./tessera down during start-up must not leave
        // services or PostgreSQL behind either.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Tessera...");
            stack.close();
            try {
                Files.deleteIfExists(launcherPid);
            } catch (IOException e) {
                // a stale pid file is harmless: its process is gone
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "tessera-shutdown"));
        stack.start();
        System.out.print(Summary.of(stack, dataDir, Duration.between(started, Instant.now())));
        stopped.await();
    }

    /**
     * {@code ./tessera drill}: starts the stack with {@code --replicas} (2 by default) on its usual ports,
     * the Kafka broker as a child JVM (so the drill can {@code kill -9} it), runs the {@link Drill}, stops
     * the stack. Refused while a stack runs: the drill must own the processes it kills.
     */
    private static boolean drill(Cli cli, Path dataDir) throws Exception {
        Reaper.runningLauncher(dataDir).ifPresent(p -> {
            throw new IllegalStateException("A Tessera stack is running (pid " + p.pid()
                    + "); the drill starts its own: stop it with ./tessera down");
        });
        System.out.println("Starting Tessera with " + cli.replicas() + " replica(s) of every service for the drill...");
        LocalStack stack = LocalStack.builder().projectRoot(cli.root()).dataDir(dataDir).replicas(cli.replicas())
                .kafkaProcess(true).build();
        Thread hook = new Thread(stack::close, "tessera-drill-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (stack) {
            stack.start();
            Drill.Report report = new Drill(stack, Drill.Options.defaults().withRequests(cli.requests())
                    .withWorkers(cli.workers()), System.out).run();
            return report.passed();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    /** Stops the running launcher (its shutdown hook stops the rest), or reaps what a dead one left. */
    private static void down(Path dataDir) throws IOException {
        var launcher = Reaper.runningLauncher(dataDir);
        if (launcher.isPresent()) {
            System.out.println("Stopping Tessera (pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            launcher.get().onExit().join();
            System.out.println("Stopped.");
            return;
        }
        Reaper.reapLeftovers(dataDir.resolve("run"), dataDir.resolve("data").resolve("pg"));
        Files.deleteIfExists(dataDir.resolve("run").resolve("launcher.pid"));
        System.out.println("No Tessera stack is running.");
    }

    private static void wipe(Path dataDir) throws IOException {
        if (Reaper.runningLauncher(dataDir).isPresent()) {
            throw new IllegalStateException("Stop the running stack first (./tessera down).");
        }
        Reaper.reapLeftovers(dataDir.resolve("run"), dataDir.resolve("data").resolve("pg"));
        Path data = dataDir.resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("Wiped " + data + " (keys in " + dataDir.resolve("keys") + " are kept)");
    }
}
