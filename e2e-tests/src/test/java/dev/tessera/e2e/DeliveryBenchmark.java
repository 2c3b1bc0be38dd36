package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.devstack.LocalStack;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery benchmark (not part of the test suite; run with {@code -Pbenchmark}, see
 * docs/benchmarks.md): onboards N users (default 10,000) into one access package by adminAdd
 * requests over the gateway of a whole local stack, then reports how long until every assignment
 * was delivered and the request-to-delivered latency (request createdDateTime to completedDateTime,
 * both stamped by request-service) at p50 / p90 / p99 / max. Numbers go to stdout and to
 * {@code target/benchmark/delivery.md}; nothing here asserts a speed.
 */
@ExtendWith(StackExtension.class)
class DeliveryBenchmark {

    static final int USERS = Integer.getInteger("tessera.benchmark.users", 10_000);
    static final int CONCURRENCY = Integer.getInteger("tessera.benchmark.concurrency", 16);
    /** Requests per second to submit at; 0 = as fast as the clients can (a flood, to measure throughput). */
    static final int RATE = Integer.getInteger("tessera.benchmark.rate", 0);
    /** Users onboarded (into a package of their own, as fast as possible) before measuring, to warm the JVMs up. */
    static final int WARMUP = Integer.getInteger("tessera.benchmark.warmup", 0);

    // HTTP/1.1: a pool of connections, as curl-like clients use; no limit of concurrent streams on one connection
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    String base;
    String token;

    @Test
    void onboardUsersIntoOnePackage() throws Exception {
        LocalStack stack = StackExtension.stack();
        base = stack.gatewayUrl();
        token = stack.tokenMinter().forUser(Tessera.ADMIN).role("Identity Governance Administrator")
                .role("User Administrator").ttl(Duration.ofHours(4)).sign();
        Graph admin = new Graph(base, token);
        if (WARMUP > 0) {
            Result warm = onboard(admin, WARMUP, 0);
            System.out.printf("warm-up: %d users onboarded in %s%n", WARMUP, warm.deliveredAfter());
        }
        Result r = onboard(admin, USERS, RATE);
        List<Long> latencies = r.latencies();
        String report = """
                # Delivery benchmark — %s

                - users onboarded into one access package: %d (adminAdd over the gateway, %s)
                - warm-up before measuring: %d users onboarded into another package
                - user creation: %s
                - requests submitted in: %s (%.0f requests/s accepted)
                - first request accepted to every assignment delivered: %s (%.0f deliveries/s)
                - final request states: %s
                - request-to-delivered latency (createdDateTime → completedDateTime, ms): p50 %d, p90 %d, p99 %d, max %d
                - machine: %d cores, JDK %s, %s
                """.formatted(Instant.now(), r.users(),
                RATE > 0 ? "paced at " + RATE + " requests/s" : CONCURRENCY + " concurrent clients, as fast as accepted",
                WARMUP, r.userCreation(), r.submittedIn(),
                r.users() / Math.max(0.001, r.submittedIn().toMillis() / 1000.0), r.deliveredAfter(),
                r.users() / Math.max(0.001, r.deliveredAfter().toMillis() / 1000.0),
                r.states(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name").toLowerCase(Locale.ROOT));
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "delivery.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertEquals(r.users(), latencies.size(), "every request completed");
    }

    record Result(int users, Duration userCreation, Duration submittedIn, Duration deliveredAfter,
            Map<String, Integer> states, List<Long> latencies) {
    }

    /** Onboards n new users into a new package (rate 0: as fast as accepted) and measures it. */
    Result onboard(Graph admin, int n, int rate) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);

        String group = Tessera.createGroup(admin, "Benchmark " + run);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Benchmark " + run, resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Direct assignment","description":"Administrators assign","accessPackage":{"id":"%s"},
                 "allowedTargetScope":"notSpecified","expiration":{"type":"noExpiration"},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(accessPackage)).statusCode(201).extract().path("id");

        Instant usersStart = Instant.now();
        List<String> users = Collections.synchronizedList(new ArrayList<>());
        runAll(n, i -> post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"Bench %s %d","mailNickname":"bench%s%d","userPrincipalName":"bench%s%d@contoso.onmicrosoft.com"}
                """.formatted(run, i, run, i, run, i), 201).thenAccept(body -> users.add(JsonPath.from(body).getString("id"))));
        Duration userCreation = Duration.between(usersStart, Instant.now());
        System.out.printf("created %d users in %s%n", users.size(), userCreation);

        Instant requestsStart = Instant.now();
        Function<Integer, CompletableFuture<?>> adminAdd = i -> post(EM + "/assignmentRequests", """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(users.get(i), policy, accessPackage), 201).thenApply(body -> null);
        if (rate > 0) {
            runPaced(users.size(), rate, adminAdd);
        } else {
            runAll(users.size(), adminAdd);
        }
        Instant requestsSubmitted = Instant.now();
        System.out.printf("submitted %d requests in %s%n", users.size(), Duration.between(requestsStart, requestsSubmitted));

        String waiting = EM + "/assignmentRequests?$top=1&$filter=" + encode("accessPackage/id eq '" + accessPackage
                + "' and state eq 'submitted'");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> JsonPath.from(get(waiting)).getList("value").isEmpty());
        Instant allDelivered = Instant.now();

        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> states = new ConcurrentHashMap<>();
        String next = base + EM + "/assignmentRequests?$top=999&$filter=" + encode("accessPackage/id eq '" + accessPackage + "'");
        while (next != null) {
            JsonPath page = JsonPath.from(getUrl(next));
            List<Map<String, Object>> values = page.getList("value");
            for (Map<String, Object> request : values) {
                states.merge((String) request.get("state"), 1, Integer::sum);
                if (request.get("completedDateTime") != null) {
                    latencies.add(Duration.between(Instant.parse((String) request.get("createdDateTime")),
                            Instant.parse((String) request.get("completedDateTime"))).toMillis());
                }
            }
            next = page.getString("'@odata.nextLink'");
        }
        Collections.sort(latencies);
        return new Result(users.size(), userCreation, Duration.between(requestsStart, requestsSubmitted),
                Duration.between(requestsStart, allDelivered), states, latencies);
    }

    static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

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
