package dev.tessera.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsTheResidentAndPeakSizesInKilobytes() {
        String status = """
                Name:\tjava
                VmPeak:\t 3000000 kB
                VmHWM:\t  262144 kB
                VmRSS:\t  131072 kB
                Threads:\t42
                """;
        ProcessMemory memory = ProcessMemory.parse(7, status).orElseThrow();
        assertEquals(7, memory.pid());
        assertEquals(128L * 1024 * 1024, memory.rssBytes());
        assertEquals(256L * 1024 * 1024, memory.peakRssBytes());
        assertEquals(256, memory.peakRssMiB());
        assertEquals(128, memory.rssMiB());
    }

    @Test
    void nothingWhenTheFigureIsMissingOrTheProcessIsGone() {
        assertEquals(Optional.empty(), ProcessMemory.parse(7, "Name:\tjava\nVmRSS:\t 1 kB\n"));
        assertEquals(Optional.empty(), ProcessMemory.of(7, Path.of("/nonexistent/status")));
    }

    @Test
    void thisJvmHasAPeakAtLeastItsCurrentSize() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux /proc");
        ProcessMemory memory = ProcessMemory.of(ProcessHandle.current().pid()).orElseThrow();
        assertTrue(memory.rssBytes() > 0);
        assertTrue(memory.peakRssBytes() >= memory.rssBytes());
    }
}
