package dev.tessera.devstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cleans up after a stack that died without stopping (kill -9 of the launcher): service JVMs and the
 * PostgreSQL postmaster daemonize, so they outlive it and would hold the ports or the data folder.
 */
final class Reaper {

    private Reaper() {
    }

    static void reapLeftovers(Path runDir, Path pgDataDir) throws IOException {
        if (Files.isDirectory(runDir)) {
            try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir, "*-service.pid")) {
                for (Path pidFile : pids) {
                    readPid(pidFile).ifPresent(pid -> terminate(pid, "quarkus-run.jar"));
                    Files.deleteIfExists(pidFile);
                }
            }
        }
        Path postmaster = pgDataDir.resolve("postmaster.pid");
        if (Files.exists(postmaster)) {
            readPid(postmaster).ifPresent(pid -> terminate(pid, "postgres"));
        }
    }

    /** Ends the process if it is still alive and still the program we started (pids get reused). */
    static void terminate(long pid, String expectedCommand) {
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(process -> {
            String command = process.info().commandLine().orElse(process.info().command().orElse(""));
            if (!command.contains(expectedCommand)) {
                return;
            }
            System.out.println("Stopping leftover process " + pid + " (" + expectedCommand + ") from an earlier run");
            process.destroy();
            CompletableFuture<ProcessHandle> exited = process.onExit();
            try {
                exited.get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").trim();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
