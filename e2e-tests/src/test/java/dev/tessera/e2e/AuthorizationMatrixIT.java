package dev.tessera.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tessera.devstack.LocalStack;
import dev.tessera.e2e.AuthorizationMatrix.Endpoint;
import dev.tessera.e2e.AuthorizationMatrix.Row;
import dev.tessera.infra.DevKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization matrix of docs/security.md, called cell by cell: every endpoint of every service
 * (checked against their OpenAPI documents, so a new endpoint without a row fails) × every caller
 * kind, through the gateway ({@code /internal/*} on the owning service's port), with a real token of
 * each kind. Writes carry a body an allowed caller gets a validation error for, so nothing changes;
 * denied cells are called before allowed ones and DELETE rows last. Every mismatch is collected and
 * reported at once.
 */
@ExtendWith(StackExtension.class)
class AuthorizationMatrixIT {

    private static final String EM = Tessera.EM;
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /**
     * Bodies of the write rows: each names the fixtures that decide who may (so the authorization is
     * made on real objects) but is invalid or refused later, so an allowed caller changes nothing.
     * Other writes send {@code {}}. {@code ${name}} is a fixture id, {@code ${random}} a fresh GUID.
     */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST " + EM + "/resourceRequests", """
                    {"requestType":"adminAdd","catalog":{"id":"${catalogA}"},
                     "resource":{"originId":"${random}","originSystem":"AadGroup"}}"""),
            Map.entry("POST " + EM + "/accessPackages", "{\"catalog\":{\"id\":\"${catalogA}\"}}"),
            Map.entry("POST " + EM + "/assignmentPolicies", "{\"accessPackage\":{\"id\":\"${package}\"}}"),
            Map.entry("POST " + EM + "/assignmentRequests", """
                    {"requestType":"adminAdd","assignment":{"targetId":"${requestor}","assignmentPolicyId":"${policy}",
                     "accessPackageId":"${package}"}}"""),
            Map.entry("POST " + EM + "/assignments/tessera.assignGroupMembers",
                    "{\"accessPackageId\":\"${package}\",\"assignmentPolicyId\":\"${policy}\",\"groupId\":\"${random}\"}"),
            Map.entry("PATCH " + EM + "/accessPackageAssignmentApprovals/{id}/stages/{stageId}",
                    "{\"reviewResult\":\"Approve\"}"),
            Map.entry("POST /v1.0/roleManagement/entitlementManagement/roleAssignments", """
                    {"roleDefinitionId":"%s","appScopeId":"/AccessPackageCatalog/${catalogA}","principalId":"${random}"}"""
                    .formatted(MatrixFixtures.CATALOG_READER)),
            Map.entry("POST /v1.0/roleManagement/directory/roleEligibilityScheduleRequests", adminAssignNobody()),
            Map.entry("POST /v1.0/roleManagement/directory/roleAssignmentScheduleRequests", adminAssignNobody()),
            Map.entry("PATCH /v1.0/roleManagement/directory/roleAssignmentApprovals/{id}/steps/{stepId}",
                    "{\"reviewResult\":\"Approve\"}"));

    /**
     * Query parameters a row needs to be answered at all (Graph requires the scope filter on policy
     * lists; the internal lookups name what they look up), with fixture placeholders as in the bodies.
     */
    private static final Map<String, Map<String, String>> QUERIES = Map.of(
            "GET /v1.0/policies/roleManagementPolicies", Map.of("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole'"),
            "GET /v1.0/policies/roleManagementPolicyAssignments",
            Map.of("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole'"),
            "GET /internal/connected-organizations", Map.of("domain", "${connectedOrganizationDomain}"),
            "POST /internal/connected-organizations/proposals", Map.of("domain", "${connectedOrganizationDomain}"),
            "GET /internal/v1/usage", Map.of("accessPackageId", "${package}"));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static String adminAssignNobody() {
        return """
                {"action":"adminAssign","justification":"matrix","roleDefinitionId":"${victimRole}","directoryScopeId":"/",
                 "principalId":"${random}","scheduleInfo":{"expiration":{"type":"noExpiration"}}}""";
    }

    /** One call: a row, a caller kind, what the doc expects. */
    private record Cell(Row row, String column, String expected) {

        boolean expectsAllowed() {
            return expected.equals("ok");
        }
    }

    private record Outcome(Cell cell, int status, String body) {
    }

    @Test
    void everyEndpointAnswersEveryCallerKindAsTheMatrixSays() throws Exception {
        LocalStack stack = StackExtension.stack();
        AuthorizationMatrix matrix = AuthorizationMatrix.read(StackExtension.projectRoot().resolve("docs/security.md"));
        List<Endpoint> endpoints = endpoints(stack);
        assertEquals(List.of(), matrix.coverageProblems(endpoints),
                "docs/security.md and the services' OpenAPI documents must name the same endpoints");

        MatrixCallers callers = new MatrixCallers(DevKeys.loadOrCreate(StackExtension.dataDir().resolve("keys")));
        Graph admin = new Graph(stack.gatewayUrl(), callers.delegated(Tessera.ADMIN, MatrixCallers.ALL_SCOPES,
                "Global Administrator"));
        MatrixFixtures fixtures = new MatrixFixtures(admin).create(callers);
        Map<String, String> tokens = callers.tokens(fixtures.users());
        assertEquals(Set.copyOf(matrix.columns()), tokens.keySet(), "a token for every column of the matrix");

        List<Cell> denied = new ArrayList<>();
        List<Cell> deniedDeletes = new ArrayList<>();
        List<Cell> allowed = new ArrayList<>();
        List<Cell> allowedDeletes = new ArrayList<>();
        for (Row row : matrix.rows()) {
            for (String column : matrix.columns()) {
                Cell cell = new Cell(row, column, row.expected().get(column));
                boolean delete = row.method().equals("DELETE");
                (cell.expectsAllowed() ? (delete ? allowedDeletes : allowed) : (delete ? deniedDeletes : denied))
                        .add(cell);
            }
        }
        // deeper paths first: a member link goes before the object it links from
        allowedDeletes.sort(Comparator.comparingInt((Cell c) -> -c.row().path().split("/").length)
                .thenComparing(c -> c.row().path()));

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (List<Cell> phase : List.of(denied, allowed)) {
                List<Future<?>> calls = new ArrayList<>();
                for (Cell cell : phase) {
                    calls.add(pool.submit(() -> outcomes.add(call(stack, endpoints, fixtures, tokens, cell))));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
                if (phase == denied) {
                    // one at a time: a DELETE that is wrongly allowed must not race another on the same object
                    for (Cell cell : deniedDeletes) {
                        outcomes.add(call(stack, endpoints, fixtures, tokens, cell));
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        for (Cell cell : allowedDeletes) {
            outcomes.add(call(stack, endpoints, fixtures, tokens, cell));
        }
        report(outcomes);
    }

    /** Every operation of every service, from its OpenAPI document on its own port. */
    private static List<Endpoint> endpoints(LocalStack stack) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String service : LocalStack.SERVICES) {
            Map<String, Map<String, Object>> paths = given().baseUri(stack.serviceUrl(service))
                    .queryParam("format", "json").when().get("/q/openapi")
                    .then().statusCode(200).extract().jsonPath().getMap("paths");
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                    .forEach(m -> endpoints.add(new Endpoint(service, m.toUpperCase(), path))));
        }
        return endpoints;
    }

    private Outcome call(LocalStack stack, List<Endpoint> endpoints, MatrixFixtures fixtures, Map<String, String> tokens,
            Cell cell) {
        Row row = cell.row();
        String base = row.path().startsWith("/internal/")
                ? stack.serviceUrl(AuthorizationMatrix.owner(row, endpoints).orElseThrow().service())
                : stack.gatewayUrl();
        StringBuilder query = new StringBuilder();
        QUERIES.getOrDefault(row.key(), Map.of()).forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&')
                .append(name).append('=').append(URLEncoder.encode(fill(value, fixtures), StandardCharsets.UTF_8)
                        .replace("+", "%20")));
        // any representation: the CSV export answers text/csv
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + concrete(row, fixtures) + query))
                .timeout(Duration.ofSeconds(60)).header("Accept", "*/*");
        String token = tokens.get(cell.column());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(row.method())) {
            request.header("Content-Type", "application/json")
                    .method(row.method(), HttpRequest.BodyPublishers.ofString(body(row, fixtures)));
        } else {
            request.method(row.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(cell, response.statusCode(), response.body());
        } catch (Exception e) {
            return new Outcome(cell, -1, e.toString());
        }
    }

    /** The row's path with every parameter replaced by the fixture it stands for. */
    static String concrete(Row row, MatrixFixtures fixtures) {
        String[] segments = row.path().split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            Matcher param = PARAM.matcher(segments[i]);
            String segment = param.matches() ? parameter(row, segments[i - 1], param.group(1), fixtures) : segments[i];
            path.append('/').append(segment);
        }
        return path.toString();
    }

    private static String parameter(Row row, String previous, String name, MatrixFixtures f) {
        switch (name) {
            case "ref": return "$ref";
            case "relationship": return "members";
            case "sponsors": return "internalSponsors";
            case "rules": return "rules";
            case "ruleId": return "Approval_EndUser_Assignment";
            case "catalogId": return f.id("catalogA");
            case "accessPackageId": return f.id("package");
            case "otherId": return f.id("approvalPackage");
            case "groupId": return f.id("plainGroup");
            case "roleScopeId": return UUID.randomUUID() + "_" + UUID.randomUUID();
            case "userId": return f.id("member");
            case "memberId": return f.id("plainUser");
            case "ownerId": return f.id("member");
            case "assignmentId": return f.id("appRoleAssignment");
            case "roleId": return "4";
            case "stageId": return f.id("approvalStage");
            case "stepId": return f.id("approvalStep");
            case "customWorkflowExtensionId": return f.id("customExtension");
            // lifecycle workflows: the service checks the caller before it looks anything up
            case "action": return "activate";
            case "number": return "1";
            case "runId", "resultId": return UUID.randomUUID().toString();
            default: break;
        }
        if (!name.equals("id")) {
            throw new IllegalStateException("No fixture for {" + name + "} in " + row.key()
                    + ": teach AuthorizationMatrixIT.parameter which object it names");
        }
        if (row.path().contains("/lifecycleWorkflows/")) {
            return UUID.randomUUID().toString();
        }
        boolean delete = row.method().equals("DELETE") && row.path().endsWith("{id}");
        String fixture = switch (previous) {
            case "catalogs" -> "catalogA";
            case "accessPackages" -> "package";
            case "assignmentPolicies" -> "policy";
            case "connectedOrganizations", "connected-organizations" -> "connectedOrganization";
            case "roleAssignments" -> row.path().contains("/directory/") ? "directoryRoleAssignment" : "victimRoleAssignment";
            case "roleDefinitions" -> row.path().contains("/directory/") ? "victimRole" : null;
            case "accessPackageAssignmentApprovals" -> "pendingRequest";
            case "assignmentRequests" -> row.path().endsWith("/cancel") ? "cancelRequest"
                    : row.path().endsWith("/reprocess") ? "deliveredRequest" : "pendingRequest";
            case "assignments" -> "assignment";
            case "tessera.bulkAssignmentJobs" -> "bulkJob";
            case "administrativeUnits" -> "administrativeUnit";
            case "groups" -> delete ? "victimGroup" : "plainGroup";
            case "users" -> delete ? "victimUser" : "plainUser";
            case "servicePrincipals" -> "servicePrincipal";
            case "sites" -> "site";
            case "roleManagementPolicies" -> "rolePolicy";
            case "roleManagementPolicyAssignments" -> "rolePolicyAssignment";
            case "roleAssignmentApprovals", "roleAssignmentScheduleRequests" -> "activationRequest";
            case "roleAssignmentSchedules" -> "assignmentSchedule";
            case "roleAssignmentScheduleInstances" -> "assignmentInstance";
            case "roleEligibilityScheduleRequests" -> "eligibilityRequest";
            case "roleEligibilitySchedules" -> "eligibilitySchedule";
            case "roleEligibilityScheduleInstances" -> "eligibilityInstance";
            default -> throw new IllegalStateException("No fixture for {id} after '" + previous + "' in " + row.key()
                    + ": teach AuthorizationMatrixIT.parameter which object it names");
        };
        // the entitlement-management role definitions are Graph's built-in ones
        return fixture == null ? MatrixFixtures.CATALOG_READER : f.id(fixture);
    }

    private static String body(Row row, MatrixFixtures fixtures) {
        return fill(BODIES.getOrDefault(row.key(), "{}"), fixtures);
    }

    /** Replaces each {@code ${name}} by the fixture's id ({@code ${random}}: a fresh GUID). */
    private static String fill(String body, MatrixFixtures fixtures) {
        Matcher placeholder = Pattern.compile("\\$\\{([A-Za-z]+)}").matcher(body);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            placeholder.appendReplacement(out, name.equals("random") ? UUID.randomUUID().toString() : fixtures.id(name));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static boolean matches(Outcome outcome) {
        int status = outcome.status();
        if (status < 0 || status >= 500) {
            return false;
        }
        return outcome.cell().expectsAllowed() ? status != 401 && status != 403
                : status == Integer.parseInt(outcome.cell().expected());
    }

    private static void report(ConcurrentLinkedQueue<Outcome> outcomes) {
        AtomicInteger unexpectedAllows = new AtomicInteger();
        AtomicInteger unexpectedDenies = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        List<String> mismatches = new ArrayList<>();
        outcomes.stream().sorted(Comparator.comparing((Outcome o) -> o.cell().row().path())
                        .thenComparing(o -> o.cell().row().method()).thenComparing(o -> o.cell().column()))
                .filter(o -> !matches(o)).forEach(o -> {
                    Cell cell = o.cell();
                    boolean denied = o.status() == 401 || o.status() == 403 || o.status() == 404;
                    if (o.status() < 0 || o.status() >= 500) {
                        serverErrors.incrementAndGet();
                    } else if (cell.expectsAllowed()) {
                        unexpectedDenies.incrementAndGet();
                    } else if (!denied) {
                        unexpectedAllows.incrementAndGet();
                    } else {
                        // denied, but with another status than the doc says (403 for 404, …)
                        unexpectedDenies.incrementAndGet();
                    }
                    String excerpt = o.body() == null ? "" : o.body().replaceAll("\\s+", " ");
                    mismatches.add(String.format("%-7s %s | %-20s expected %-3s got %d | %s", cell.row().method(),
                            cell.row().path(), cell.column(), cell.expected(), o.status(),
                            excerpt.substring(0, Math.min(160, excerpt.length()))));
                });
        String summary = String.format("Authorization matrix: %d cells called, %d mismatches (%d unexpected allows, "
                + "%d unexpected denies or wrong denial status, %d 5xx or failed calls)", outcomes.size(),
                mismatches.size(), unexpectedAllows.get(), unexpectedDenies.get(), serverErrors.get());
        System.out.println(summary);
        mismatches.forEach(System.out::println);
        if (!mismatches.isEmpty()) {
            fail(summary + "\n" + String.join("\n", mismatches));
        }
    }
}
