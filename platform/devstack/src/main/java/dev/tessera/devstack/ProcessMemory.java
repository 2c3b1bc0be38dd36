package dev.tessera.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's resident memory as Linux reports it in {@code /proc/<pid>/status}: {@code VmRSS} now and
 * {@code VmHWM}, the peak ("high water mark") since the process started. The benchmark reads it for each
 * service at the end of a run (issue 16 target 5: each service ≤ 256 MB RSS). Empty where there is no
 * {@code /proc} (macOS) or the process has ended.
 */
public record ProcessMemory(long pid, long rssBytes, long peakRssBytes) {

    /** The memory of the process {@code pid}, or empty when it cannot be read. */
    public static Optional<ProcessMemory> of(long pid) {
        return of(pid, Path.of("/proc", Long.toString(pid), "status"));
    }

    static Optional<ProcessMemory> of(long pid, Path status) {
        try {
            return parse(pid, Files.readString(status));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code VmRSS} and {@code VmHWM} (in kB) from the text of a {@code /proc/<pid>/status} file. */
    static Optional<ProcessMemory> parse(long pid, String status) {
        long rss = -1;
        long hwm = -1;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kilobytes(line);
            }
        }
        if (rss < 0 || hwm < 0) {
            return Optional.empty();
        }
        return Optional.of(new ProcessMemory(pid, rss * 1024, hwm * 1024));
    }

    private static long kilobytes(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
    }

    /** The peak in MiB, rounded, for reports. */
    public long peakRssMiB() {
        return Math.round(peakRssBytes / (1024.0 * 1024.0));
    }

    /** The current resident size in MiB, rounded, for reports. */
    public long rssMiB() {
        return Math.round(rssBytes / (1024.0 * 1024.0));
    }
}
