package dev.tessera.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of the stack's service JVMs, read from {@code /proc/<pid>/status} (Linux): sampled once a
 * second for the chart, and the kernel's own peak ({@code VmHWM}) for the report. A service is found by its
 * jar on the command line ({@code <service>/target/quarkus-app/quarkus-run.jar}), as the local stack starts it.
 */
public final class ServiceMemory implements AutoCloseable {

    private final List<String> services;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    /** service → second since start → RSS in MiB. */
    private final Map<String, Map<Integer, Long>> samples = new ConcurrentHashMap<>();

    public ServiceMemory(List<String> services) {
        this.services = services;
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        int second = (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        for (String service : services) {
            pid(service).flatMap(pid -> status(pid, "VmRSS"))
                    .ifPresent(kb -> samples.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(second, kb / 1024));
        }
    }

    /** RSS over time in MiB per service, by second since this sampler started. */
    public Map<String, Map<Integer, Long>> samples() {
        return samples;
    }

    /** The peak RSS (VmHWM) of each running service in MiB; -1 where it could not be read. */
    public Map<String, Long> peaks() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (String service : services) {
            peaks.put(service, pid(service).flatMap(pid -> status(pid, "VmHWM")).map(kb -> kb / 1024).orElse(-1L));
        }
        return peaks;
    }

    static Optional<Long> pid(String service) {
        String jar = service + "/target/quarkus-app/quarkus-run.jar";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    static Optional<Long> status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
