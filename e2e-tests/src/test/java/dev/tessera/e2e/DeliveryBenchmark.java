package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;

import dev.tessera.devstack.LocalStack;
import dev.tessera.e2e.bench.ServiceMemory;
import dev.tessera.e2e.bench.Timeline;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delivery benchmark (not part of the test suite; run with {@code -Pbenchmark}, see docs/benchmarks.md).
 * On one whole local stack, over the gateway, as a Graph client with 16 connections would, it runs the
 * scenarios named by {@code tessera.benchmark.scenario} (comma-separated; default all of them, in this order):
 * <ul>
 * <li>{@code flood}: {@code tessera.benchmark.users} (10,000) adminAdd requests as fast as the clients can
 * send them — accepted/s, POST latency, when the last one was delivered (issue 16 target 2);</li>
 * <li>{@code steady}: {@code tessera.benchmark.rate} (100) requests a second for {@code tessera.benchmark.seconds}
 * (60) — request-to-delivered latency at a load below capacity (target 3);</li>
 * <li>{@code expiry}: {@code tessera.benchmark.expiring} (10,000) assignments whose custom schedules end spread
 * over one minute — how late each expiry fires and when the access is gone (target 6).</li>
 * </ul>
 * A warm-up of {@code tessera.benchmark.warmup} requests comes first. Each scenario onboards the same pool of
 * users into a package of its own. The report goes to {@code target/benchmark/delivery.md} with one chart per
 * scenario ({@code delivery-<scenario>.png}: throughput, latency and each service's RSS over time) and the peak
 * RSS of every service. Nothing here asserts a speed: a scenario fails only when a request is refused or an
 * assignment never ends where it should.
 */
@ExtendWith(StackExtension.class)
class DeliveryBenchmark extends BenchmarkClient {

    static final List<String> SCENARIOS = Arrays.asList(
            System.getProperty("tessera.benchmark.scenario", "flood,steady,expiry").toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    static final int USERS = Integer.getInteger("tessera.benchmark.users", 10_000);
    static final int RATE = Integer.getInteger("tessera.benchmark.rate", 100);
    static final int SECONDS = Integer.getInteger("tessera.benchmark.seconds", 60);
    static final int EXPIRING = Integer.getInteger("tessera.benchmark.expiring", 10_000);
    static final int WARMUP = Integer.getInteger("tessera.benchmark.warmup", 1_000);

    final Path out = Path.of("target", "benchmark");

    @Test
    void deliveryScenarios() throws Exception {
        Assumptions.assumeTrue(SCENARIOS.contains("flood") || SCENARIOS.contains("steady") || SCENARIOS.contains("expiry"),
                "no delivery scenario named in tessera.benchmark.scenario");
        LocalStack stack = StackExtension.stack();
        base = stack.gatewayUrl();
        token = stack.tokenMinter().forUser(Tessera.ADMIN).role("Identity Governance Administrator")
                .role("User Administrator").ttl(Duration.ofHours(4)).sign();
        Graph admin = new Graph(base, token);
        Files.createDirectories(out);
        Instant memoryStart = Instant.now();
        try (ServiceMemory memory = new ServiceMemory(stack)) {
            int pool = Math.max(WARMUP, Math.max(SCENARIOS.contains("flood") ? USERS : 0,
                    Math.max(SCENARIOS.contains("steady") ? RATE * SECONDS : 0, SCENARIOS.contains("expiry") ? EXPIRING : 0)));
            Instant usersStart = Instant.now();
            List<String> users = createUsers(pool);
            Duration userCreation = Duration.between(usersStart, Instant.now());
            StringBuilder report = new StringBuilder("""
                    # Delivery benchmark — %s

                    - machine: %d cores, JDK %s, %s; service JVM options: %s
                    - a pool of %d users created first (POST /v1.0/users, %d clients) in %s (%.0f/s)
                    """.formatted(Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), System.getProperty("os.name").toLowerCase(Locale.ROOT),
                    System.getProperty("tessera.service.jvm-options", "").isBlank() ? "./tessera up's defaults"
                            : System.getProperty("tessera.service.jvm-options"),
                    pool, CONCURRENCY, seconds(userCreation), pool / Math.max(0.001, userCreation.toMillis() / 1000.0)));
            if (WARMUP > 0) {
                Run warm = onboard(admin, "warm-up", users.subList(0, WARMUP), 0, null);
                report.append("- warm-up: %d adminAdd requests, all delivered after %s%n".formatted(WARMUP,
                        seconds(Duration.between(warm.start(), warm.lastDelivered()))));
            }
            double deliveryRate = 0;
            if (SCENARIOS.contains("flood")) {
                Run flood = onboard(admin, "flood", users.subList(0, USERS), 0, null);
                deliveryRate = flood.requests() / Math.max(0.001, millis(flood.start(), flood.lastDelivered()) / 1000.0);
                report.append(flood.summary("Flood: %d adminAdd as fast as %d clients send them".formatted(USERS, CONCURRENCY)));
                flood.timeline().chart(out.resolve("delivery-flood.png"), "Flood: " + USERS + " adminAdd, "
                        + CONCURRENCY + " clients", memory.samples(), memoryStart);
            }
            if (SCENARIOS.contains("steady")) {
                int n = RATE * SECONDS;
                Run steady = onboard(admin, "steady", users.subList(0, n), RATE, null);
                report.append(steady.summary("Steady load: %d requests/s for %d s".formatted(RATE, SECONDS)));
                steady.timeline().chart(out.resolve("delivery-steady.png"), "Steady: " + RATE + " requests/s for "
                        + SECONDS + " s", memory.samples(), memoryStart);
            }
            if (SCENARIOS.contains("expiry")) {
                report.append(expiry(admin, users.subList(0, EXPIRING), deliveryRate));
            }
            report.append("\n## Peak RSS per service (VmHWM, MiB)\n\n");
            memory.peaks().forEach((service, mib) -> report.append("- %s: %d%n".formatted(service, mib)));
            System.out.println(report);
            Files.writeString(out.resolve("delivery.md"), report);
        }
    }

    /** One scenario's requests and what became of them. */
    record Run(String name, String accessPackage, int requests, Instant start, Instant lastAccepted, Instant lastDelivered,
            Map<String, Integer> states, List<Long> deliveryLatencies, Timeline timeline) {

        String summary(String title) {
            List<Long> posts = timeline.postLatencies();
            double acceptSeconds = Math.max(0.001, millis(start, lastAccepted) / 1000.0);
            double deliverSeconds = Math.max(0.001, millis(start, lastDelivered) / 1000.0);
            return """

                    ## %s

                    | measure | value |
                    |---|---|
                    | requests accepted (HTTP 201) | %d in %s = **%.0f/s** |
                    | POST latency (client) p50 / p90 / p99 / max | %d / %d / %d / %d ms |
                    | all delivered, after the first request | %s = **%.0f deliveries/s** |
                    | last delivered after the last accepted | **%s** |
                    | request → delivered p50 / p90 / p99 / max | **%d** / %d / **%d** / %d ms |
                    | final request states | %s |
                    """.formatted(title, requests, seconds(Duration.between(start, lastAccepted)), requests / acceptSeconds,
                    Timeline.percentile(posts, 50), Timeline.percentile(posts, 90), Timeline.percentile(posts, 99),
                    Timeline.percentile(posts, 100), seconds(Duration.between(start, lastDelivered)),
                    requests / deliverSeconds, seconds(Duration.between(lastAccepted, lastDelivered)),
                    Timeline.percentile(deliveryLatencies, 50), Timeline.percentile(deliveryLatencies, 90),
                    Timeline.percentile(deliveryLatencies, 99), Timeline.percentile(deliveryLatencies, 100), states);
        }
    }

    List<String> createUsers(int n) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] ids = new String[n];
        runAll(n, i -> post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"Bench %s %d","mailNickname":"bench%s%d","userPrincipalName":"bench%s%d@contoso.onmicrosoft.com"}
                """.formatted(run, i, run, i, run, i), 201).thenAccept(body -> ids[i] = JsonPath.from(body).getString("id")));
        return List.of(ids);
    }

    /** A new group, package and direct-assignment policy (no approval, no expiry); returns {package, policy}. */
    String[] newPackage(Graph admin, String name) {
        String run = name + " " + UUID.randomUUID().toString().substring(0, 8);
        String group = Tessera.createGroup(admin, "Benchmark " + run);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Benchmark " + run, resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Direct assignment","description":"Administrators assign","accessPackage":{"id":"%s"},
                 "allowedTargetScope":"notSpecified","expiration":{"type":"noExpiration"},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(accessPackage)).statusCode(201).extract().path("id");
        return new String[] {accessPackage, policy};
    }

    /**
     * Onboards {@code users} into a new package by adminAdd (rate 0: as fast as accepted), each with the
     * schedule {@code schedule} gives for its index (null: none), waits until none is still submitted, and
     * measures.
     */
    Run onboard(Graph admin, String name, List<String> users, int rate, Function<Integer, String> schedule)
            throws Exception {
        String[] created = newPackage(admin, name);
        String accessPackage = created[0];
        String policy = created[1];
        Instant start = Instant.now();
        Timeline timeline = new Timeline(start);
        Instant[] lastAccepted = {start};
        Function<Integer, CompletableFuture<?>> adminAdd = i -> {
            long sent = System.nanoTime();
            String extra = schedule == null ? "" : ",\"schedule\":" + schedule.apply(i);
            return post(EM + "/assignmentRequests", """
                    {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}%s}
                    """.formatted(users.get(i), policy, accessPackage, extra), 201).thenApply(body -> {
                Instant now = Instant.now();
                timeline.accepted(now, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                synchronized (lastAccepted) {
                    if (now.isAfter(lastAccepted[0])) {
                        lastAccepted[0] = now;
                    }
                }
                return null;
            });
        };
        if (rate > 0) {
            runPaced(users.size(), rate, adminAdd);
        } else {
            runAll(users.size(), adminAdd);
        }
        String waiting = EM + "/assignmentRequests?$top=1&$filter=" + encode("accessPackage/id eq '" + accessPackage
                + "' and state eq 'submitted'");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> JsonPath.from(get(waiting)).getList("value").isEmpty());

        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> states = new TreeMap<>();
        Instant lastDelivered = start;
        for (Map<String, Object> request : requestsOf(accessPackage)) {
            states.merge((String) request.get("state"), 1, Integer::sum);
            if (request.get("completedDateTime") != null) {
                Instant completed = Instant.parse((String) request.get("completedDateTime"));
                long latency = millis(Instant.parse((String) request.get("createdDateTime")), completed);
                latencies.add(latency);
                timeline.delivered(completed, latency);
                if (completed.isAfter(lastDelivered)) {
                    lastDelivered = completed;
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf("%s: %d requests, states %s%n", name, users.size(), states);
        if (latencies.size() != users.size()) {
            throw new IllegalStateException(name + ": only " + latencies.size() + " of " + users.size()
                    + " requests completed: " + states);
        }
        return new Run(name, accessPackage, users.size(), start, lastAccepted[0], lastDelivered, states, latencies, timeline);
    }

    /**
     * Target 6: n assignments whose custom schedules end spread evenly over one minute, far enough ahead for
     * all to be delivered first; then how late each expiry fired (the systemRemove request's createdDateTime −
     * the end) and when the access was gone (its completedDateTime − the end).
     */
    String expiry(Graph admin, List<String> users, double deliveryRate) throws Exception {
        int n = users.size();
        double rate = deliveryRate > 0 ? deliveryRate : 40;
        Instant firstEnd = Instant.now().plusSeconds(30 + (long) (1.5 * n / rate));
        long spreadMillis = 60_000L / Math.max(1, n);
        Run onboarded = onboard(admin, "expiry", users, 0, i -> """
                {"startDateTime":null,"expiration":{"type":"afterDateTime","endDateTime":"%s"}}"""
                .formatted(firstEnd.plusMillis(i * spreadMillis)));
        Instant lastEnd = firstEnd.plusMillis((n - 1) * spreadMillis);
        if (onboarded.lastDelivered().isAfter(firstEnd)) {
            return "\n## Expiry\n\nNot measured: the %d assignments were not all delivered before the first end (%s).%n"
                    .formatted(n, firstEnd);
        }
        String accessPackage = onboarded.accessPackage();
        String live = EM + "/assignments?$top=1&$filter=" + encode("accessPackage/id eq '" + accessPackage
                + "' and state eq 'delivered'");
        await().atMost(Duration.between(Instant.now(), lastEnd).plusMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().isAfter(lastEnd) && JsonPath.from(get(live)).getList("value").isEmpty());
        String removing = EM + "/assignmentRequests?$top=1&$filter=" + encode("accessPackage/id eq '" + accessPackage
                + "' and state eq 'submitted'");
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> JsonPath.from(get(removing)).getList("value").isEmpty());
        List<Long> fired = new ArrayList<>();
        List<Long> gone = new ArrayList<>();
        Timeline timeline = new Timeline(firstEnd);
        for (Map<String, Object> request : requestsOf(accessPackage, "&$expand=assignment")) {
            if (!"systemRemove".equals(request.get("requestType"))) {
                continue;
            }
            Instant end = endOf(request);
            Instant created = Instant.parse((String) request.get("createdDateTime"));
            fired.add(millis(end, created));
            timeline.accepted(created, millis(end, created));
            if (request.get("completedDateTime") != null) {
                Instant completed = Instant.parse((String) request.get("completedDateTime"));
                gone.add(millis(end, completed));
                timeline.delivered(completed, millis(end, completed));
            }
        }
        return """

                ## Expiry: %d assignments ending within one minute (%s … %s)

                | measure | p50 | p90 | p99 | max |
                |---|---|---|---|---|
                | expiry fired after the end (systemRemove created − end), ms | %d | %d | **%d** | **%d** |
                | access gone after the end (removal delivered − end), ms | %d | %d | %d | %d |

                %d expiries fired, %d removals delivered.
                """.formatted(n, firstEnd, lastEnd, Timeline.percentile(fired, 50), Timeline.percentile(fired, 90),
                Timeline.percentile(fired, 99), Timeline.percentile(fired, 100), Timeline.percentile(gone, 50),
                Timeline.percentile(gone, 90), Timeline.percentile(gone, 99), Timeline.percentile(gone, 100),
                fired.size(), gone.size());
    }

    /** The end of the schedule of the assignment a (systemRemove) request expanded with its assignment removed. */
    static Instant endOf(Map<String, Object> request) {
        if (request.get("assignment") instanceof Map<?, ?> a && a.get("schedule") instanceof Map<?, ?> s
                && s.get("expiration") instanceof Map<?, ?> e && e.get("endDateTime") != null) {
            return Instant.parse((String) e.get("endDateTime"));
        }
        throw new IllegalStateException("A systemRemove request without its assignment's end: " + request);
    }

    List<Map<String, Object>> requestsOf(String accessPackage) throws IOException, InterruptedException {
        return requestsOf(accessPackage, "");
    }

    /** Every request of the package, {@code query} (e.g. {@code &$expand=assignment}) added to the list's. */
    List<Map<String, Object>> requestsOf(String accessPackage, String query) throws IOException, InterruptedException {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = base + EM + "/assignmentRequests?$top=999" + query + "&$filter="
                + encode("accessPackage/id eq '" + accessPackage + "'");
        while (next != null) {
            JsonPath page = JsonPath.from(getUrl(next));
            all.addAll(page.getList("value"));
            next = page.getString("'@odata.nextLink'");
        }
        return all;
    }

    static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
