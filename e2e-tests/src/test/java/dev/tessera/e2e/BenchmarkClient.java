package dev.tessera.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What the benchmarks share: a Graph client over the gateway (HTTP/1.1, a pool of connections as curl-like
 * clients use), with the benchmark's token, that runs many calls at most {@code tessera.benchmark.concurrency}
 * (16) at a time or at a fixed rate.
 */
abstract class BenchmarkClient {

    static final int CONCURRENCY = Integer.getInteger("tessera.benchmark.concurrency", 16);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    String base;
    String token;

    /** Starts n calls at a fixed rate (a scheduler, not sleeps), then waits for all of them. */
    void runPaced(int n, int perSecond, Function<Integer, CompletableFuture<?>> call) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<?>> all = Collections.synchronizedList(new ArrayList<>(n));
        CompletableFuture<Void> started = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        scheduler.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < n) {
                all.add(call.apply(i));
            }
            if (i >= n - 1) {
                started.complete(null);
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        try {
            started.join();
        } finally {
            scheduler.shutdownNow();
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    /** Runs n calls with at most CONCURRENCY in flight; fails on the first failure. */
    void runAll(int n, Function<Integer, CompletableFuture<?>> call) throws Exception {
        Semaphore slots = new Semaphore(CONCURRENCY);
        List<CompletableFuture<?>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.acquire();
            all.add(call.apply(i).whenComplete((r, e) -> slots.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    CompletableFuture<String> post(String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        });
    }

    String get(String path) throws IOException, InterruptedException {
        return getUrl(base + path);
    }

    String getUrl(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String encode(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
