package dev.tessera.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Ending a process the stack started (a service replica, the Kafka broker) and forgetting its pid file. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * {@code kill -9} when {@code kill}, else SIGTERM and up to {@code graceSeconds} for a clean exit
     * (then SIGKILL); waits until the process is gone, then deletes its pid file.
     */
    static void end(Process process, boolean kill, int graceSeconds, Path pidFile) {
        if (process != null) {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            try {
                if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is reaped on the next start
        }
    }
}
