package dev.tessera.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Tessera service running as a child JVM from its built jar, with its log and pid file. */
final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> properties;
    private final Map<String, String> environment = new LinkedHashMap<>();

    private final Path log;
    private final Path pidFile;
    private Process process;
    private boolean retired;

    ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Path log, Path pidFile) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = properties;
        this.log = log;
        this.pidFile = pidFile;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Mutable until {@link #start()}: system properties passed to the service JVM. */
    Map<String, String> properties() {
        return properties;
    }

    /**
     * Mutable until {@link #start()}: environment variables added to the service JVM's. Secrets go
     * here rather than in {@link #properties()}: a {@code -D} option is visible to anyone who lists
     * processes.
     */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * JVM options for the service processes instead of {@link #DEFAULT_JVM_OPTIONS}, e.g.
     * {@code -Xmx512m -XX:+UseSerialGC} with the full JIT: system property or environment variable.
     */
    static final String JVM_OPTIONS_PROPERTY = "tessera.service.jvm-options";

    /**
     * Four JVMs share a laptop with PostgreSQL and Kafka: each should stay within 256 MB resident under load
     * (issue 16) and still run at full speed. The full tiered JIT (C2: the BigInteger/crypto intrinsics and
     * the steady-state throughput C1 alone lacks) with two compiler threads and a capped code cache; a small
     * serial-GC heap (a service's live set is tens of MB); metaspace, direct buffers and the
     * JDK's per-thread cache of temporary direct buffers capped (thread stacks keep the default size: at 512k a poll of 500 reports chained in one Uni overflowed one). docs/operations.md lists the measured sizes.
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-XX:CICompilerCount=2",
            "-XX:MaxMetaspaceSize=160m",
            "-XX:MaxDirectMemorySize=64m", "-Djdk.nio.maxCachedBufferSize=262144");

    /**
     * glibc gives every busy thread its own malloc arena (up to 8 per core), which a JVM's native allocations
     * (the JIT, Netty, the Kafka client) fragment into resident memory; two arenas are plenty here. Set for the
     * service JVMs unless the environment already says otherwise.
     */
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";
    static final String JVM_OPTIONS_ENV = "TESSERA_SERVICE_JVM_OPTIONS";

    synchronized void start() throws IOException {
        start(Map.of());
    }

    /**
     * Starts the JVM with {@code extra} system properties on top of (and overriding) {@link #properties()},
     * for this run only: a later {@link #start()} goes back to the plain ones.
     */
    synchronized void start(Map<String, String> extra) throws IOException {
        if (retired) {
            throw new IllegalStateException(name + " is not started: the stack is stopping");
        }
        if (process != null && process.isAlive()) {
            if (!extra.isEmpty()) {
                // silently keeping the running JVM would leave the caller believing the properties apply
                throw new IllegalStateException(name + " is running: stop it before starting it with " + extra);
            }
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        List<String> command = command(extra);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "%n==== %s starting %s on port %d%s ====%n".formatted(Instant.now(), name, port,
                extra.isEmpty() ? "" : " with " + extra), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putIfAbsent(MALLOC_ARENA_MAX, "2");
        builder.environment().putAll(environment);
        process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()));
    }

    /** The java command line: JVM options, the properties with {@code extra} merged over them, the jar. */
    List<String> command(Map<String, String> extra) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String custom = System.getProperty(JVM_OPTIONS_PROPERTY, System.getenv(JVM_OPTIONS_ENV));
        if (custom != null && !custom.isBlank()) {
            command.addAll(List.of(custom.trim().split("\\s+")));
        } else {
            command.addAll(DEFAULT_JVM_OPTIONS);
        }
        // Quarkus' own check of the URI answers an empty 400; without it GraphHttpSetup answers a Graph error.
        command.add("-Dvertx.disableURIValidation=true");
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(extra);
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** The pid of the running JVM, or empty when it is not running. */
    synchronized java.util.OptionalLong pid() {
        return process != null && process.isAlive() ? java.util.OptionalLong.of(process.pid())
                : java.util.OptionalLong.empty();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; the end of " + log + ":\n"
                        + LogTail.of(log, 30));
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleepQuietly(250);
        }
        throw new IllegalStateException(name + " was not ready on port " + port + " within " + timeout.toSeconds()
                + " s; the end of " + log + ":\n" + LogTail.of(log, 30));
    }

    /** Stops for good: a later {@link #start()} (racing with a stack shutdown) is refused. */
    void retire() {
        synchronized (this) {
            retired = true;
        }
        stop(false);
    }

    /** SIGTERM and a graceful wait (or SIGKILL when {@code kill}), then forget the pid. */
    synchronized void stop(boolean kill) {
        ChildProcesses.end(process, kill, 20, pidFile);
        process = null;
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
