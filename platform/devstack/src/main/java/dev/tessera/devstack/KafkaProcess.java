package dev.tessera.devstack;

import dev.tessera.infra.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stack's Kafka broker as a child JVM ({@link EmbeddedKafka#main(String[])}) on fixed ports and a
 * data directory, with its log and pid file: unlike the broker inside the launcher it can be killed
 * for real ({@code kill -9}), and started again on the same ports and data (KRaft recovers its log).
 */
final class KafkaProcess implements AutoCloseable {

    /** What {@link Reaper} looks for in a leftover process's command line. */
    static final String MAIN_CLASS = EmbeddedKafka.class.getName();

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Path log;
    private final Path pidFile;
    private Process process;
    private boolean retired;

    KafkaProcess(Path dataDir, int brokerPort, int controllerPort, Path log, Path pidFile) {
        this.dataDir = dataDir.toAbsolutePath();
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.log = log;
        this.pidFile = pidFile;
    }

    String bootstrapServers() {
        return EmbeddedKafka.BIND_ADDRESS + ":" + brokerPort;
    }

    Path log() {
        return log;
    }

    /** The java command line: this JVM's java and classpath, EmbeddedKafka's main. */
    List<String> command() {
        // Under failsafe the classpath may be a manifest-only jar whose Class-Path names the rest: java follows it.
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS, dataDir.toString(), Integer.toString(brokerPort), Integer.toString(controllerPort));
    }

    /** Starts the broker (unless it runs) and waits until it describes its cluster. */
    synchronized void start(Duration timeout) throws IOException {
        if (retired) {
            throw new IllegalStateException("Kafka is not started: the stack is stopping");
        }
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(log.getParent());
        Files.writeString(log, "%n==== %s starting Kafka on port %d ====%n".formatted(Instant.now(), brokerPort),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()));
        try {
            awaitReady(timeout);
        } catch (RuntimeException e) {
            stop(true);
            throw e;
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = EmbeddedKafka.admin(bootstrapServers())) {
            while (!EmbeddedKafka.answers(admin)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up; the end of " + log + ":\n"
                            + LogTail.of(log, 30));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka was not ready on " + bootstrapServers() + " within "
                            + timeout.toSeconds() + " s; the end of " + log + ":\n" + LogTail.of(log, 30));
                }
            }
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /**
     * {@code kill -9} ({@code kill}) or SIGTERM, which closes the broker cleanly (SIGKILL after 30 s),
     * and waits until the process is gone; a later {@link #start(Duration)} comes back on the same data.
     */
    synchronized void stop(boolean kill) {
        ChildProcesses.end(process, kill, 30, pidFile);
        process = null;
    }

    /** Stops for good: a later {@link #start(Duration)} (racing with a stack shutdown) is refused. */
    @Override
    public void close() {
        synchronized (this) {
            retired = true;
        }
        stop(false);
    }
}
