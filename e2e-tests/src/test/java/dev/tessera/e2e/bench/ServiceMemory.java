package dev.tessera.e2e.bench;

import dev.tessera.devstack.LocalStack;
import dev.tessera.devstack.ProcessMemory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The stack's service JVMs' resident memory ({@link LocalStack#serviceMemory()}), sampled once a second for
 * the chart; {@link #peaks()} is the kernel's own peak (VmHWM) of each for the report.
 */
public final class ServiceMemory implements AutoCloseable {

    private final LocalStack stack;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });
    /** service → second since start → RSS in MiB. */
    private final Map<String, Map<Integer, Long>> samples = new ConcurrentHashMap<>();

    public ServiceMemory(LocalStack stack) {
        this.stack = stack;
        sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        int second = (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        stack.serviceMemory().forEach((service, memory) ->
                samples.computeIfAbsent(service, s -> new ConcurrentHashMap<>()).put(second, memory.rssMiB()));
    }

    /** RSS over time in MiB per service, by second since this sampler started. */
    public Map<String, Map<Integer, Long>> samples() {
        return samples;
    }

    /** The peak RSS (VmHWM) of each running service in MiB. */
    public Map<String, Long> peaks() {
        Map<String, Long> peaks = new LinkedHashMap<>();
        stack.serviceMemory().forEach((service, memory) -> peaks.put(service, memory.peakRssMiB()));
        return peaks;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
