package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.devstack.LocalStack;
import dev.tessera.infra.EmbeddedPg;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads at a million rows (issue 16 target 4; not part of the test suite, see docs/benchmarks.md):
 * seeds request-service with N assignments and N requests and provisioning-service with users and a
 * 100,000-member group straight in PostgreSQL ({@code benchmark/reads-seed-*.sql}, generate_series),
 * then, through the gateway with a real token, one client at a time, measures p50/p90/p99/max of
 * <ul>
 * <li>{@code assignments?$filter=accessPackage/id eq … and state eq 'delivered'&$expand=target&$top=100}
 * and every following {@code @odata.nextLink} page (and the same list of assignmentRequests);</li>
 * <li>{@code assignments/filterByCurrentUser(on='target')} and {@code assignmentRequests/filterByCurrentUser(on='target')};</li>
 * <li>{@code /groups/{id}/members?$top=100} of the 100,000-member group and every following page;</li>
 * </ul>
 * and the time of the CSV export of 300,000 assignments with request-service's peak RSS before and after.
 * Each measure has a warm-up first. Report: stdout and {@code target/benchmark/reads.md}. Runs when
 * {@code tessera.benchmark.scenario} names {@code reads} (the benchmark profile's default list does). Nothing here
 * asserts a speed.
 */
@ExtendWith(StackExtension.class)
@EnabledIfSystemProperty(named = "tessera.benchmark.scenario", matches = ".*\\breads\\b.*")
class ReadScaleBenchmark {

    static final int ASSIGNMENTS = Integer.getInteger("tessera.benchmark.assignments", 1_000_000);
    static final int PACKAGES = 20;
    static final int USERS = Integer.getInteger("tessera.benchmark.directory-users", 200_000);
    static final int MEMBERS = Integer.getInteger("tessera.benchmark.members", 100_000);
    /** Requests per "a few hundred" measure (filterByCurrentUser). */
    static final int SAMPLES = Integer.getInteger("tessera.benchmark.samples", 400);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    LocalStack stack;
    String base;
    String admin;

    @Test
    void readsAtAMillionRows() throws Exception {
        stack = StackExtension.stack();
        base = stack.gatewayUrl();
        admin = stack.tokenMinter().forUser(Tessera.ADMIN).role("Identity Governance Administrator")
                .role("User Administrator").ttl(Duration.ofHours(4)).sign();
        StringBuilder report = new StringBuilder("# Reads at a million rows — " + Instant.now() + "\n\n");

        Instant seedStart = Instant.now();
        Map<String, Integer> vars = Map.of("assignments", ASSIGNMENTS, "requests", ASSIGNMENTS, "packages", PACKAGES,
                "users", USERS, "members", MEMBERS);
        seed(LocalStack.REQUEST, "benchmark/reads-seed-request.sql", vars);
        Duration requestSeed = Duration.between(seedStart, Instant.now());
        seed(LocalStack.PROVISIONING, "benchmark/reads-seed-provisioning.sql", vars);
        Duration seeded = Duration.between(seedStart, Instant.now());
        report.append("- seeded: %,d assignments + %,d requests (%d packages, %s), %,d users + a %,d-member group (%s in all)%n"
                .formatted(ASSIGNMENTS, ASSIGNMENTS, PACKAGES, requestSeed, USERS, MEMBERS, seeded));
        report.append("- one client, sequential requests through the gateway, HTTP/1.1 keep-alive; latency in ms\n\n");
        report.append("| read | requests | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");

        java.util.function.Function<String, String> delivered = pkg -> "$filter="
                + encode("accessPackage/id eq '" + pkg + "' and state eq 'delivered'");
        // warm-up: another package's pages, then the measured package, every page
        walk(EM + "/assignments?" + delivered.apply(md5Uuid("package4")) + "&$expand=target&$top=100", admin);
        row(report, "assignments, package + state filter, $expand=target, $top=100, all pages",
                walk(EM + "/assignments?" + delivered.apply(md5Uuid("package3")) + "&$expand=target&$top=100", admin));
        walk(EM + "/assignmentRequests?" + delivered.apply(md5Uuid("package4")) + "&$top=100", admin);
        row(report, "assignmentRequests, package + state filter, $top=100, all pages",
                walk(EM + "/assignmentRequests?" + delivered.apply(md5Uuid("package3")) + "&$top=100", admin));

        int seededUsers = ASSIGNMENTS / PACKAGES;
        for (String set : List.of("assignments", "assignmentRequests")) {
            String path = EM + "/" + set + "/filterByCurrentUser(on='target')?$expand=target";
            if (set.equals("assignmentRequests")) {
                path = EM + "/" + set + "/filterByCurrentUser(on='target')";
            }
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < SAMPLES * 2; i++) {
                String user = md5Uuid("user" + (1 + (int) ((i * 7919L) % seededUsers)));
                String token = stack.tokenMinter().forUser(user).ttl(Duration.ofHours(1)).sign();
                long took = timed(base + path, token).took();
                if (i >= SAMPLES) { // the first half warms up
                    times.add(took);
                }
            }
            row(report, set + "/filterByCurrentUser(on='target'), " + SAMPLES + " users", times);
        }

        String group = md5Uuid("big-group");
        walk("/v1.0/groups/" + group + "/members?$top=100", admin);
        row(report, "groups/{id}/members of a %,d-member group, $top=100, all pages".formatted(MEMBERS),
                walk("/v1.0/groups/" + group + "/members?$top=100", admin));

        // the CSV export of 300,000 assignments: six packages of 50,000
        StringBuilder six = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            six.append(p == 0 ? "" : " or ").append("accessPackage/id eq '").append(md5Uuid("package" + p)).append('\'');
        }
        String export = base + EM + "/assignments/export?$filter=" + encode(six.toString());
        Optional<Long> peakBefore = peakRssKib(LocalStack.REQUEST);
        Instant exportStart = Instant.now();
        long lines;
        long bytes;
        HttpResponse<InputStream> csv = http.send(get(export, admin), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, csv.statusCode());
        try (InputStream in = csv.body(); BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines = 0;
            bytes = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                bytes += line.length() + 2;
            }
        }
        Duration exportTook = Duration.between(exportStart, Instant.now());
        Optional<Long> peakAfter = peakRssKib(LocalStack.REQUEST);
        report.append("\n- CSV export of %,d assignments (%,d lines with the header, %.1f MB, transfer-encoding %s): %s%n"
                .formatted(lines - 1, lines, bytes / 1e6, csv.headers().firstValue("transfer-encoding").orElse("none"),
                        exportTook));
        report.append("- request-service peak RSS (VmHWM) before the export %s, after %s%n".formatted(
                peakBefore.map(k -> k / 1024 + " MiB").orElse("?"), peakAfter.map(k -> k / 1024 + " MiB").orElse("?")));
        report.append("- machine: %d cores, JDK %s, %s; service JVM options: %s%n".formatted(
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name").toLowerCase(Locale.ROOT),
                System.getProperty("tessera.service.jvm-options", "(./tessera up default)")));

        System.out.println(report);
        Path out = Path.of("target", "benchmark", "reads.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** Runs a seed script against a service's database, its {@code :name} variables replaced. */
    void seed(String service, String resource, Map<String, Integer> vars) throws Exception {
        String sql;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("(?<!:):([a-z]+)\\b").matcher(sql);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            Integer value = vars.get(m.group(1));
            m.appendReplacement(resolved, value == null ? Matcher.quoteReplacement(m.group()) : value.toString());
        }
        m.appendTail(resolved);
        String noComments = resolved.toString().replaceAll("(?m)^--.*$", "");
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(service), EmbeddedPg.USER, EmbeddedPg.PASSWORD);
                Statement statement = db.createStatement()) {
            for (String one : noComments.split(";\\s*\\n")) {
                if (!one.isBlank()) {
                    statement.execute(one);
                }
            }
            try (ResultSet rs = statement.executeQuery("select count(*) from " + (service.equals(LocalStack.REQUEST)
                    ? "assignment" : "group_membership"))) {
                rs.next();
                System.out.printf("seeded %s: %,d rows%n", service, rs.getLong(1));
            }
        }
    }

    /** Follows {@code @odata.nextLink} from the first page to the last; the latency of each page. */
    List<Long> walk(String firstPath, String token) throws Exception {
        List<Long> times = new ArrayList<>();
        String next = base + firstPath;
        int rows = 0;
        while (next != null) {
            Timed page = timed(next, token);
            times.add(page.took());
            JsonPath body = JsonPath.from(page.body());
            rows += body.getList("value").size();
            next = body.getString("'@odata.nextLink'");
        }
        System.out.printf("%s: %,d rows in %,d pages%n", firstPath, rows, times.size());
        return times;
    }

    record Timed(long took, String body) {
    }

    Timed timed(String url, String token) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(get(url, token), HttpResponse.BodyHandlers.ofString());
        long took = (System.nanoTime() - start) / 1_000_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " → " + response.statusCode() + ": " + response.body());
        }
        return new Timed(took, response.body());
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(2)).GET().build();
    }

    static void row(StringBuilder report, String what, List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        report.append("| %s | %,d | %d | %d | %d | %d |%n".formatted(what, sorted.size(), pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** The seed's ids: {@code md5(text)::uuid} in PostgreSQL. */
    static String md5Uuid(String text) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        String hex = java.util.HexFormat.of().formatHex(d);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Peak resident memory of a service's JVM (its pid file in the stack's data folder), Linux only. */
    static Optional<Long> peakRssKib(String service) {
        try (Stream<Path> files = Files.walk(StackExtension.dataDir())) {
            Optional<Path> pidFile = files.filter(p -> p.getFileName().toString().equals(service + ".pid")).findFirst();
            if (pidFile.isEmpty()) {
                return Optional.empty();
            }
            String pid = Files.readString(pidFile.get()).trim();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")));
                }
            }
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
