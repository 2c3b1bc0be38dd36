package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.devstack.LocalStack;
import io.restassured.path.json.JsonPath;
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
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bulk benchmark (issue 16 target 1; runs in {@code ./tessera bench} when {@code tessera.benchmark.scenario} names {@code bulk}, alone with {@code -Dtessera.benchmark.scenario=bulk
 * -Dit.test=BulkBenchmark}, see docs/benchmarks.md): a group of N users (default 10,000, set with
 * {@code tessera.benchmark.users}) is assigned an access package granting another group's Member role with
 * one {@code tessera.assignGroupMembers} call; reports the time from the call until the job completed and
 * until every request was {@code delivered}, and checks that every member shows in the resource group's
 * {@code GET /groups/{id}/members}. Setup (users, group members) is not timed. Nothing asserts a speed.
 */
@ExtendWith(StackExtension.class)
@EnabledIfSystemProperty(named = "tessera.benchmark.scenario", matches = ".*\\bbulk\\b.*")
class BulkBenchmark extends BenchmarkClient {

    static final int USERS = Integer.getInteger("tessera.benchmark.users", 10_000);

    @Test
    void assignAGroupsMembersInOneCall() throws Exception {
        LocalStack stack = StackExtension.stack();
        base = stack.gatewayUrl();
        token = stack.tokenMinter().forUser(Tessera.ADMIN).role("Identity Governance Administrator")
                .role("User Administrator").ttl(Duration.ofHours(4)).sign();
        Graph admin = new Graph(base, token);
        String run = UUID.randomUUID().toString().substring(0, 8);

        String team = Tessera.createGroup(admin, "Bulk team " + run);
        String resourceGroup = Tessera.createGroup(admin, "Bulk tools " + run);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, resourceGroup);
        String accessPackage = Tessera.createPackage(admin, catalog, "Bulk " + run, resource.get(2), resource.get(1));
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Direct assignment","description":"Administrators assign","accessPackage":{"id":"%s"},
                 "allowedTargetScope":"notSpecified","expiration":{"type":"noExpiration"},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":false,"isApprovalRequiredForUpdate":false,"stages":[]}}
                """.formatted(accessPackage)).statusCode(201).extract().path("id");

        Instant setup = Instant.now();
        List<String> users = Collections.synchronizedList(new ArrayList<>());
        runAll(USERS, i -> post("/v1.0/users", """
                {"accountEnabled":true,"displayName":"Bulk %s %d","mailNickname":"bulk%s%d","userPrincipalName":"bulk%s%d@contoso.onmicrosoft.com"}
                """.formatted(run, i, run, i, run, i), 201).thenAccept(body -> users.add(JsonPath.from(body).getString("id"))));
        runAll(users.size(), i -> post("/v1.0/groups/" + team + "/members/$ref",
                "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/" + users.get(i) + "\"}", 204));
        System.out.printf("set up %d users in group %s in %s%n", users.size(), team, Duration.between(setup, Instant.now()));

        Instant call = Instant.now();
        String job = JsonPath.from(post(EM + "/assignments/tessera.assignGroupMembers", """
                {"accessPackageId":"%s","groupId":"%s","assignmentPolicyId":"%s","justification":"benchmark"}
                """.formatted(accessPackage, team, policy), 202).join()).getString("id");
        Duration accepted = Duration.between(call, Instant.now());
        String jobPath = EM + "/assignments/tessera.bulkAssignmentJobs/" + job;
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !"running".equals(JsonPath.from(get(jobPath)).getString("status")));
        Duration jobDone = Duration.between(call, Instant.now());
        JsonPath finished = JsonPath.from(get(jobPath));
        String waiting = EM + "/assignmentRequests?$top=1&$filter=" + encode("accessPackage/id eq '"
                + accessPackage + "' and state eq 'submitted'");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> JsonPath.from(get(waiting)).getList("value").isEmpty());
        Duration delivered = Duration.between(call, Instant.now());

        Map<String, Integer> states = new ConcurrentHashMap<>();
        String next = base + EM + "/assignmentRequests?$top=999&$filter=" + encode("accessPackage/id eq '"
                + accessPackage + "'");
        while (next != null) {
            JsonPath page = JsonPath.from(getUrl(next));
            page.getList("value", Map.class).forEach(r -> states.merge((String) r.get("state"), 1, Integer::sum));
            next = page.getString("'@odata.nextLink'");
        }
        int visible = 0;
        next = base + "/v1.0/groups/" + resourceGroup + "/members?$top=999&$select=id";
        while (next != null) {
            JsonPath page = JsonPath.from(getUrl(next));
            visible += page.getList("value").size();
            next = page.getString("'@odata.nextLink'");
        }
        String report = """
                # Bulk benchmark — %s

                - tessera.assignGroupMembers of a %d-member group (package grants a group's Member role, no approval)
                - call answered 202 after: %s
                - call to job completed: %s (job: %s, created %d, skipped %d, failed %d)
                - call to every request delivered: %s (%.0f deliveries/s)
                - final request states: %s
                - members visible in GET /groups/{id}/members of the resource group: %d
                - machine: %d cores, JDK %s, %s; service JVM options: %s
                """.formatted(Instant.now(), users.size(), accepted, jobDone, finished.getString("status"),
                finished.getInt("created"), finished.getInt("skipped"), finished.getInt("failed"), delivered,
                users.size() / Math.max(0.001, delivered.toMillis() / 1000.0), states, visible,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name").toLowerCase(Locale.ROOT), System.getProperty("tessera.service.jvm-options"));
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "bulk.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertEquals(users.size(), visible, "every member holds the resource group's membership");
    }
}
