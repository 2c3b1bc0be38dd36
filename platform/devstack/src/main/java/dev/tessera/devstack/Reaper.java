package dev.tessera.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Cleans up after a stack that died without stopping (kill -9 of the launcher): service JVMs and the
 * PostgreSQL postmaster outlive it (PostgreSQL daemonizes), and would hold the ports or the data
 * folder — or worse, be silently reused with stale settings.
 */
final class Reaper {

    private Reaper() {
    }

    /**
     * Stops services recorded in {@code runDir/*.pid}, a Kafka broker JVM recorded in {@code runDir/kafka.pid}
     * and the postmaster of {@code pgDataDir}.
     */
    static void reapLeftovers(Path runDir, Path pgDataDir) throws IOException {
        if (Files.isDirectory(runDir)) {
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir, "*-service*.pid")) {
                for (Path pidFile : pids) {
                    readPid(pidFile).ifPresent(pid -> terminate(pid, "quarkus-run.jar", false));
                    Files.deleteIfExists(pidFile);
                }
            }
            // A broker child JVM leaves by itself when its launcher dies; this covers one that did not yet.
            Path kafkaPid = runDir.resolve(LocalStack.KAFKA_PID_FILE);
            if (Files.exists(kafkaPid)) {
                readPid(kafkaPid).ifPresent(pid -> terminate(pid, KafkaProcess.MAIN_CLASS, false));
                Files.deleteIfExists(kafkaPid);
            }
        }
        // Services first: they are the postmaster's clients.
        Path postmaster = pgDataDir.resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            readPid(postmaster).ifPresent(pid -> terminate(pid, "postgres", true));
        }
    }

    /**
     * Ends the process if it is still alive and still the program we started (pids get reused).
     * PostgreSQL gets SIGINT, its "fast" shutdown; SIGTERM would wait for clients to disconnect.
     */
    static void terminate(long pid, String expectedCommand, boolean interrupt) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
            if (!commandLine(process).contains(expectedCommand)) {
                return;
            }
            System.out.println("Stopping leftover process " + pid + " (" + expectedCommand + ") from an earlier run");
            if (!interrupt || !sendSigint(pid)) {
                process.destroy();
            }
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                process.onExit().completeOnTimeout(process, 10, TimeUnit.SECONDS).join();
            }
        });
    }

    /** Java can only send SIGTERM/SIGKILL; {@code kill -INT} does the rest. */
    private static boolean sendSigint(long pid) {
        try {
            return new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first line of a pid file (PostgreSQL's postmaster.pid has more lines after it). */
    static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The launcher of a running stack, from {@code run/launcher.pid}. */
    static Optional<ProcessHandle> runningLauncher(Path dataDir) {
        return readPid(dataDir.resolve("run").resolve("launcher.pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> commandLine(p).contains("dev.tessera.devstack.Main"));
    }

    /**
     * The full command line. On Linux, ProcessHandle.Info cuts it at 4 KiB (and drops the
     * arguments), which a launcher's classpath alone exceeds, so /proc is read directly there.
     */
    static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // gone meanwhile, or not Linux: fall through
        }
        return process.info().commandLine().orElse(process.info().command().orElse(""));
    }
}
