package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of a killed launcher are stopped; unrelated processes that reuse a pid are not. */
class ReaperTest {

    @TempDir
    Path dir;

    Process leftover;
    Process stranger;

    @AfterEach
    void cleanUp() {
        for (Process p : new Process[] {leftover, stranger}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void stopsRecordedServicesButNotProcessesThatMerelyReuseThePid() throws Exception {
        // "; true" keeps bash from exec-ing sleep, so the marker stays on the command line.
        // A long command line, like a service's many -D options: the marker sits past 4 KiB.
        leftover = new ProcessBuilder("bash", "-c", "sleep 60; true", "x".repeat(5000), "quarkus-run.jar").start();
        stranger = new ProcessBuilder("bash", "-c", "sleep 60; true", "someone-else").start();
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("catalog-service.pid"), Long.toString(leftover.pid()));
        Files.writeString(run.resolve("pim-service.pid"), Long.toString(stranger.pid()));

        Reaper.reapLeftovers(run, dir.resolve("pg"));

        // the reaper saw it exit; the Process object learns of it from the JDK's own reaper thread a
        // moment later (a sleep 60 that was not stopped would not exit within this wait)
        assertTrue(leftover.waitFor(10, TimeUnit.SECONDS));
        assertFalse(leftover.isAlive());
        assertTrue(stranger.isAlive());
        assertEquals(List.of(), List.of(run.toFile().list()));
    }

    @Test
    void stopsARecordedKafkaBrokerJvm() throws Exception {
        leftover = new ProcessBuilder("bash", "-c", "sleep 60; true", KafkaProcess.MAIN_CLASS).start();
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(LocalStack.KAFKA_PID_FILE), Long.toString(leftover.pid()));

        Reaper.reapLeftovers(run, dir.resolve("pg"));

        // the reaper saw it exit; the Process object learns of it from the JDK's own reaper thread a
        // moment later (a sleep 60 that was not stopped would not exit within this wait)
        assertTrue(leftover.waitFor(10, TimeUnit.SECONDS));
        assertFalse(leftover.isAlive());
        assertEquals(List.of(), List.of(run.toFile().list()));
    }

    @Test
    void readsThePidFromTheFirstLineOnly() throws Exception {
        Path postmaster = dir.resolve("postmaster.pid");
        Files.writeString(postmaster, "4242\n/data/pg\n1700000000\n15432\n");
        assertEquals(Optional.of(4242L), Reaper.readPid(postmaster));
        assertEquals(Optional.empty(), Reaper.readPid(dir.resolve("missing.pid")));
    }
}
