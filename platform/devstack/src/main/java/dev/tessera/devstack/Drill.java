package dev.tessera.devstack;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code ./tessera drill}: a load of access package requests through the gateway while each moving
 * part is crashed and brought back, one after the other — one replica of every service (every replica
 * when a service has only one), the Kafka broker, PostgreSQL — then, once the stack has settled, a check
 * that nothing was lost or doubled (docs/operations.md, "Fault drill").
 *
 * <p>The load, from {@code workers} threads: per user, an {@code adminAdd} to a package without approval,
 * a {@code userAdd} under a policy with one approval stage and its approval, then the {@code adminRemove}
 * of the delivered assignment; reads in between (the polls of the request). A 503 with {@code Retry-After}
 * is retried, as a Graph SDK does, and counted; anything else that is not a 2xx is a finding.
 */
public final class Drill {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String ADMIN = "00000000-0000-0000-0000-0000000000a1";
    /** The answer to a retried POST whose first try took effect: refused as a duplicate. */
    public static final String RETRY_REFUSED = "409 to a retry that was a duplicate";
    static final Set<String> TERMINAL = Set.of("delivered", "denied", "canceled", "deliveryFailed", "partiallyDelivered");
    static final String PIM_PATH = "/v1.0/roleManagement/directory/";
    /** Groups Administrator: a built-in role Entra does not mark privileged; the drill users' PIM role. */
    static final String PIM_ROLE = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    static final Set<String> PIM_TERMINAL = Set.of("Provisioned", "Granted", "Revoked", "Canceled", "Denied", "Failed",
            "TimedOut");
    /** pim-service's event for a changed schedule (EventTypes.PIM_SCHEDULE_CHANGED). */
    static final String PIM_SCHEDULE_CHANGED = "tessera.pim.scheduleChanged.v1";
    /** request-service's event for an ended assignment (EventTypes.ASSIGNMENT_REMOVED). */
    static final String ASSIGNMENT_REMOVED = "tessera.assignment.removed.v1";
    /** request-service's event for a granted assignment (EventTypes.ASSIGNMENT_GRANTED). */
    static final String ASSIGNMENT_GRANTED = "tessera.assignment.granted.v1";
    /** How far ahead of its request an activation starts: its start timer fires during the drill. */
    static final Duration ACTIVATION_DELAY = Duration.ofSeconds(20);
    /** How long the assignments of package C last: their expiry timers fire during the drill. */
    static final String EXPIRING_AFTER = "PT45S";

    /** The fault's name when one replica of every service is killed at once. */
    public static final String REPLICAS_TOGETHER = "kill -9 one replica of every service";

    /**
     * What to run. {@code replicasTogether}: one replica of every service is killed at the same moment and
     * they come back together (one fault), instead of one service after the other.
     */
    public record Options(int requests, int workers, int users, boolean killServices, boolean killKafka,
            boolean killPostgres, Duration settleTimeout, boolean replicasTogether) {

        public static Options defaults() {
            return new Options(1000, 8, 150, true, true, true, Duration.ofMinutes(3), false);
        }

        public Options withRequests(int count) {
            return new Options(count, workers, users, killServices, killKafka, killPostgres, settleTimeout, replicasTogether);
        }

        public Options withUsers(int count) {
            return new Options(requests, workers, count, killServices, killKafka, killPostgres, settleTimeout, replicasTogether);
        }

        public Options withWorkers(int count) {
            return new Options(requests, count, users, killServices, killKafka, killPostgres, settleTimeout, replicasTogether);
        }

        public Options withReplicasKilledTogether(boolean together) {
            return new Options(requests, workers, users, killServices, killKafka, killPostgres, settleTimeout, together);
        }

        public Options withFaults(boolean services, boolean kafka, boolean postgres) {
            return new Options(requests, workers, users, services, kafka, postgres, settleTimeout, replicasTogether);
        }
    }

    /**
     * One fault: what was crashed, for how long, what the client saw meanwhile, and where each 503 came
     * from (method, path with ids left out, Graph error code).
     */
    public record Fault(String name, Duration outage, Map<String, Integer> statuses, Map<String, Integer> unavailable) {
    }

    /** What the drill found. */
    public record Report(int requests, Map<String, Integer> statuses, int retried503, List<Fault> faults,
            int accepted, int terminal, List<String> notTerminal, List<String> lost, List<String> duplicated,
            List<String> unexpected, Duration took, int pimAccepted, int pimTerminal, int timersFired,
            int histories, List<String> misordered) {

        /** 0 lost, 0 duplicated, 0 out of order, all terminal, and nothing but 2xx or 503 with Retry-After. */
        public boolean passed() {
            return lost.isEmpty() && duplicated.isEmpty() && notTerminal.isEmpty() && unexpected.isEmpty()
                    && misordered.isEmpty();
        }

        public String text() {
            StringBuilder out = new StringBuilder();
            out.append("Tessera fault drill, ").append(DateTimeFormatter.ISO_INSTANT.format(CLOCK.instant()))
                    .append(" (").append(took.toSeconds()).append(" s)\n\n");
            out.append("  requests sent            ").append(requests).append('\n');
            out.append("  answers by status        ").append(statuses).append('\n');
            out.append("  503 + Retry-After retried ").append(retried503).append('\n');
            out.append("  requests accepted        ").append(accepted).append('\n');
            out.append("  terminal                 ").append(terminal).append(" of ").append(accepted).append('\n');
            out.append("  PIM requests accepted    ").append(pimAccepted).append(", terminal ").append(pimTerminal)
                    .append(" of ").append(pimAccepted).append('\n');
            out.append("  timers fired once        ").append(timersFired).append('\n');
            out.append("  histories in order       ").append(histories).append('\n');
            out.append("\n  faults (answers while each part was down or coming back):\n");
            for (Fault fault : faults) {
                out.append("    %-34s down %5.1f s   %s%n".formatted(fault.name(), fault.outage().toMillis() / 1000.0,
                        fault.statuses()));
                if (!fault.unavailable().isEmpty()) {
                    out.append("      503s: ").append(fault.unavailable()).append('\n');
                }
            }
            out.append("\n  lost                     ").append(lost.size()).append(sample(lost)).append('\n');
            out.append("  duplicated               ").append(duplicated.size()).append(sample(duplicated)).append('\n');
            out.append("  not terminal             ").append(notTerminal.size()).append(sample(notTerminal)).append('\n');
            out.append("  out of order             ").append(misordered.size()).append(sample(misordered)).append('\n');
            out.append("  unexpected answers       ").append(unexpected.size()).append(sample(unexpected)).append('\n');
            out.append("\n  ").append(passed() ? "PASSED" : "FAILED").append('\n');
            return out.toString();
        }

        private static String sample(List<String> items) {
            return items.isEmpty() ? "" : "   e.g. " + String.join("; ", items.subList(0, Math.min(5, items.size())));
        }
    }

    /** The real clock: the drill measures real outages and talks to services on the system clock. */
    private static final InstantSource CLOCK = InstantSource.system();

    private final LocalStack stack;
    private final Options options;
    private final PrintStream log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminToken;
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    /** Every request a 2xx accepted, with what it was. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** Per user, the last removal accepted: the user's next add waits until it is done, as a client would. */
    private final Map<String, String> removals = new ConcurrentHashMap<>();
    /** Every PIM schedule request a 2xx accepted: id → its collection and what it was. */
    private final Map<String, String[]> pimAccepted = new ConcurrentHashMap<>();
    /** The users who were given the PIM role. */
    private final Set<String> pimUsers = ConcurrentHashMap.newKeySet();
    private final String pimAdminToken;
    private volatile Map<String, AtomicInteger> faultStatuses;
    private volatile Map<String, AtomicInteger> faultUnavailable;
    private final AtomicBoolean faultsDone = new AtomicBoolean();
    /** Set when the load is over: the check's own reads are not counted as load. */
    private volatile boolean checking;

    private String packageA;
    private String policyA;
    private String packageB;
    private String policyB;
    private String groupA;
    private String groupB;
    private String packageC;
    private String policyC;
    private String groupC;
    private String approver;
    private String approverToken;

    public Drill(LocalStack stack, Options options, PrintStream log) {
        this.stack = stack;
        this.options = options;
        this.log = log;
        this.adminToken = stack.tokenMinter().forUser(ADMIN).role("Identity Governance Administrator")
                .role("User Administrator").sign();
        this.pimAdminToken = stack.tokenMinter().forUser(ADMIN).role("Privileged Role Administrator").sign();
    }

    /** Runs the drill and writes its report to {@code <data dir>/drill/drill-<time>.txt}. */
    public Report run() throws Exception {
        Instant started = CLOCK.instant();
        log.println("Drill: setting up " + options.users() + " users, two groups and two access packages...");
        List<String> users = setUp();
        log.println("Drill: load of at least " + options.requests() + " requests from " + options.workers()
                + " workers; faults one after the other");
        ExecutorService workers = Executors.newFixedThreadPool(options.workers());
        List<Future<?>> running = new ArrayList<>();
        AtomicInteger nextUser = new AtomicInteger();
        for (int w = 0; w < options.workers(); w++) {
            running.add(workers.submit(() -> work(users, nextUser)));
        }
        List<Fault> faults = new ArrayList<>();
        try {
            faults.addAll(faults());
        } finally {
            faultsDone.set(true);
        }
        for (Future<?> worker : running) {
            worker.get(30, TimeUnit.MINUTES);
        }
        workers.shutdown();
        checking = true;
        log.println("Drill: load done (" + sent.get() + " requests); waiting for every request to be terminal...");
        Report report = verify(faults, Duration.between(started, CLOCK.instant()));
        Path dir = stack.dataDirectory().resolve("drill");
        Files.createDirectories(dir);
        Path file = dir.resolve("drill-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(CLOCK.instant()) + ".txt");
        Files.writeString(file, report.text());
        log.print(report.text());
        log.println("  report: " + file);
        return report;
    }

    // ---- set-up -------------------------------------------------------------------------------

    private List<String> setUp() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        approver = createUser("DrillApprover-" + suffix);
        approverToken = stack.tokenMinter().forUser(approver).sign();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < options.users(); i++) {
            users.add(createUser("Drill" + i + "-" + suffix));
        }
        groupA = createGroup("Drill A " + suffix);
        groupB = createGroup("Drill B " + suffix);
        String catalog = call("GET", EM + "/catalogs?$filter=" + encode("displayName eq 'General'"), null, adminToken)
                .getJsonArray("value").getJsonObject(0).getString("id");
        packageA = createPackage(catalog, groupA, "Drill A " + suffix);
        packageB = createPackage(catalog, groupB, "Drill B " + suffix);
        groupC = createGroup("Drill C " + suffix);
        packageC = createPackage(catalog, groupC, "Drill C " + suffix);
        policyC = createPolicy(packageC, "{\"isApprovalRequiredForAdd\":false,\"isApprovalRequiredForUpdate\":false,\"stages\":[]}");
        policyA = createPolicy(packageA, "{\"isApprovalRequiredForAdd\":false,\"isApprovalRequiredForUpdate\":false,\"stages\":[]}");
        policyB = createPolicy(packageB, """
                {"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,"stages":[
                 {"durationBeforeAutomaticDenial":"P1D","isApproverJustificationRequired":false,"isEscalationEnabled":false,
                  "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]}""".formatted(approver));
        return users;
    }

    private String createUser(String name) {
        return call("POST", "/v1.0/users", """
                {"accountEnabled":true,"displayName":"%s","mailNickname":"%s","userPrincipalName":"%s@contoso.onmicrosoft.com",
                 "passwordProfile":{"forceChangePasswordNextSignIn":true,"password":"not-stored-1!"}}
                """.formatted(name, name, name), adminToken).getString("id");
    }

    private String createGroup(String name) {
        return call("POST", "/v1.0/groups", """
                {"displayName":"%s","description":"%s","mailEnabled":false,"mailNickname":"%s","securityEnabled":true}
                """.formatted(name, name, name.replace(" ", "")), adminToken).getString("id");
    }

    private String createPackage(String catalog, String group, String name) {
        call("POST", EM + "/resourceRequests", """
                {"requestType":"adminAdd","resource":{"originId":"%s","originSystem":"AadGroup"},"catalog":{"id":"%s"}}
                """.formatted(group, catalog), adminToken);
        JsonObject resource = call("GET", EM + "/catalogs/" + catalog + "/resources?$filter="
                + encode("originId eq '" + group + "'") + "&$expand=scopes", null, adminToken)
                .getJsonArray("value").getJsonObject(0);
        String scope = resource.getJsonArray("scopes").getJsonObject(0).getString("id");
        String role = call("GET", EM + "/catalogs/" + catalog + "/resourceRoles?$filter=" + encode(
                "(originSystem eq 'AadGroup' and resource/id eq '" + resource.getString("id") + "' and displayName eq 'Member')")
                + "&$expand=resource", null, adminToken).getJsonArray("value").getJsonObject(0).getString("id");
        String id = call("POST", EM + "/accessPackages", """
                {"displayName":"%s","description":"Fault drill","isHidden":false,"catalog":{"id":"%s"}}
                """.formatted(name, catalog), adminToken).getString("id");
        call("POST", EM + "/accessPackages/" + id + "/resourceRoleScopes", """
                {"role":{"id":"%s"},"scope":{"id":"%s"}}""".formatted(role, scope), adminToken);
        return id;
    }

    private String createPolicy(String accessPackage, String approval) {
        return call("POST", EM + "/assignmentPolicies", """
                {"displayName":"Drill","description":"Fault drill",
                 "accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"allDirectoryUsers",
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true,"enableTargetsToSelfUpdateAccess":false,
                   "enableTargetsToSelfRemoveAccess":true,"allowCustomAssignmentSchedule":false,
                   "enableOnBehalfRequestorsToAddAccess":false,"enableOnBehalfRequestorsToUpdateAccess":false,
                   "enableOnBehalfRequestorsToRemoveAccess":false,"onBehalfRequestors":[]},
                 "requestApprovalSettings":%s}""".formatted(accessPackage, approval), adminToken).getString("id");
    }

    // ---- the load -----------------------------------------------------------------------------

    /** Cycles over users until the faults are done and enough requests were sent. */
    private void work(List<String> users, AtomicInteger nextUser) {
        while (!(faultsDone.get() && sent.get() >= options.requests())) {
            int index = nextUser.getAndIncrement();
            String user = users.get(index % users.size());
            // the second time round a user has package B already: only A again
            boolean first = index < users.size();
            try {
                cycle(user, first);
                // a third of the users, the first time round: PIM as well (a ninth also lose the eligibility)
                if (first && index % 3 == 0) {
                    pimCycle(user, index % 9 == 0);
                }
                // another third: an assignment of package C that expires during the drill (never removed)
                if (first && index % 3 == 1) {
                    accept("adminAdd (expiring) " + user, call("POST", EM + "/assignmentRequests", """
                            {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"},
                             "schedule":{"expiration":{"type":"afterDuration","duration":"%s"}}}
                            """.formatted(user, policyC, packageC, EXPIRING_AFTER), adminToken));
                }
            } catch (RuntimeException e) {
                unexpected.add("cycle of " + user + ": " + e.getMessage());
            }
        }
    }

    private void cycle(String user, boolean withApproval) {
        String removal = removals.remove(user);
        if (removal != null && awaitState(removal, Duration.ofSeconds(120)).isEmpty()) {
            return;
        }
        String add = accept("adminAdd " + user, call("POST", EM + "/assignmentRequests", """
                {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policyA, packageA), adminToken));
        if (withApproval) {
            String userToken = stack.tokenMinter().forUser(user).sign();
            String ask = accept("userAdd " + user, call("POST", EM + "/assignmentRequests", """
                    {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                    """.formatted(user, policyB, packageB), userToken));
            if (ask != null) {
                approve(ask);
            }
        }
        if (add == null) {
            return;
        }
        Optional<JsonObject> delivered = awaitState(add, Duration.ofSeconds(120));
        if (delivered.isEmpty()) {
            return;
        }
        JsonObject assignment = delivered.get().getJsonObject("assignment");
        if (assignment == null) {
            unexpected.add("request " + add + " delivered without its assignment");
            return;
        }
        String remove = accept("adminRemove " + user, call("POST", EM + "/assignmentRequests", """
                {"requestType":"adminRemove","assignment":{"id":"%s"}}""".formatted(assignment.getString("id")),
                adminToken));
        if (remove != null) {
            removals.put(user, remove);
        }
    }

    /**
     * PIM for directory roles: the admin makes the user eligible for {@link #PIM_ROLE}; the user activates
     * it (own token, with MFA) from {@link #ACTIVATION_DELAY} ahead for five minutes (Entra's minimum), so
     * the activation's start timer fires during the drill. With {@code remove} the eligibility starts
     * {@link #ACTIVATION_DELAY} ahead instead and the admin removes it at once, before it starts (Entra
     * refuses to end a schedule in the first five minutes after its start): canceled, its start timer with it.
     */
    private void pimCycle(String user, boolean remove) {
        pimUsers.add(user);
        String start = DateTimeFormatter.ISO_INSTANT.format(CLOCK.instant().plus(ACTIVATION_DELAY).truncatedTo(ChronoUnit.SECONDS));
        acceptPim("roleEligibility adminAssign " + user, "roleEligibilityScheduleRequests", """
                {"action":"adminAssign","justification":"drill","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{%s"expiration":{"type":"noExpiration"}}}""".formatted(PIM_ROLE, user,
                        remove ? "\"startDateTime\":\"" + start + "\"," : ""), pimAdminToken);
        if (remove) {
            acceptPim("roleEligibility adminRemove " + user, "roleEligibilityScheduleRequests", """
                    {"action":"adminRemove","justification":"drill","roleDefinitionId":"%s","directoryScopeId":"/",
                     "principalId":"%s"}""".formatted(PIM_ROLE, user), pimAdminToken);
            return;
        }
        acceptPim("roleAssignment selfActivate " + user, "roleAssignmentScheduleRequests", """
                {"action":"selfActivate","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/","justification":"drill",
                 "scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"PT5M"}}}"""
                .formatted(user, PIM_ROLE, start), stack.tokenMinter().forUser(user).mfa(true).sign());
    }

    private void acceptPim(String what, String set, String body, String token) {
        JsonObject created = call("POST", PIM_PATH + set, body, token);
        if (created != null && created.getString("id") != null) {
            pimAccepted.put(created.getString("id"), new String[] {set, what});
        }
    }

    private void approve(String request) {
        String approvals = EM + "/accessPackageAssignmentApprovals/" + request + "/stages";
        JsonObject stages = call("GET", approvals, null, approverToken);
        JsonArray value = stages == null ? null : stages.getJsonArray("value");
        if (value == null || value.isEmpty()) {
            unexpected.add("request " + request + " has no approval stage");
            return;
        }
        call("PATCH", approvals + "/" + value.getJsonObject(0).getString("id"),
                "{\"reviewResult\":\"Approve\",\"justification\":\"drill\"}", approverToken);
    }

    /** Polls the request until it is terminal; its assignment expanded. */
    private Optional<JsonObject> awaitState(String request, Duration timeout) {
        Instant deadline = CLOCK.instant().plus(timeout);
        while (CLOCK.instant().isBefore(deadline)) {
            JsonObject body = call("GET", EM + "/assignmentRequests/" + request + "?$expand=assignment", null, adminToken);
            if (body != null && TERMINAL.contains(body.getString("state"))) {
                return "delivered".equals(body.getString("state")) ? Optional.of(body) : Optional.empty();
            }
            pause(Duration.ofMillis(200));
        }
        return Optional.empty();
    }

    private String accept(String what, JsonObject created) {
        if (created == null || created.getString("id") == null) {
            return null;
        }
        accepted.put(created.getString("id"), what);
        return created.getString("id");
    }

    // ---- the faults ---------------------------------------------------------------------------

    private List<Fault> faults() throws Exception {
        List<Fault> faults = new ArrayList<>();
        // some load before the first fault
        awaitLoad(Math.min(options.requests() / 10, 50));
        if (options.killServices() && options.replicasTogether()) {
            int replica = stack.replicas() - 1;
            faults.add(fault(REPLICAS_TOGETHER, () -> {
                for (String service : LocalStack.SERVICES) {
                    stack.stopReplica(service, replica, true);
                }
                awaitLoad(sent.get() + 20);
                stack.startReplicas(LocalStack.SERVICES, replica);
            }));
        } else if (options.killServices()) {
            for (String service : LocalStack.SERVICES) {
                int replica = stack.replicas() - 1;
                faults.add(fault("kill -9 " + LocalStack.replicaName(service, replica), () -> {
                    stack.stopReplica(service, replica, true);
                    awaitLoad(sent.get() + 20);
                    stack.startReplica(service, replica);
                }));
            }
        }
        if (options.killKafka()) {
            // A broker inside the launcher can only be shut down; as a child JVM it is killed for real.
            boolean kill = stack.kafkaRunsAsProcess();
            faults.add(fault(kill ? "kill -9 Kafka broker" : "stop Kafka broker", () -> {
                if (kill) {
                    stack.killKafka();
                } else {
                    stack.stopKafka();
                }
                awaitLoad(sent.get() + 40);
                stack.restartKafka();
            }));
        }
        if (options.killPostgres()) {
            faults.add(fault("kill -9 PostgreSQL", () -> {
                stack.killPostgres();
                awaitLoad(sent.get() + 20);
                stack.startPostgres();
                awaitReady();
            }));
        }
        return faults;
    }

    interface Step {
        void run() throws Exception;
    }

    private Fault fault(String name, Step step) throws Exception {
        log.println("Drill: " + name + " (" + sent.get() + " requests so far)");
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
        faultUnavailable = unavailable;
        faultStatuses = seen;
        Instant from = CLOCK.instant();
        try {
            step.run();
        } finally {
            faultStatuses = null;
            faultUnavailable = null;
        }
        Duration outage = Duration.between(from, CLOCK.instant());
        log.println("Drill:   back after " + outage.toSeconds() + " s: " + snapshot(seen) + " 503s " + snapshot(unavailable));
        return new Fault(name, outage, snapshot(seen), snapshot(unavailable));
    }

    /** Waits until the load has sent {@code count} requests (or 60 s passed: the load may be stuck). */
    private void awaitLoad(int count) {
        until(() -> sent.get() >= count, Duration.ofSeconds(60));
    }

    /** Every replica of every service ready again (after PostgreSQL came back). */
    private void awaitReady() {
        for (String service : LocalStack.SERVICES) {
            for (int r = 0; r < stack.replicas(); r++) {
                int port = stack.servicePort(service, r);
                until(() -> status("http://127.0.0.1:" + port + "/q/health/ready") == 200, Duration.ofSeconds(120));
            }
        }
    }

    // ---- the check ----------------------------------------------------------------------------

    private Report verify(List<Fault> faults, Duration took) throws SQLException {
        List<String> notTerminal = new ArrayList<>();
        int terminal = 0;
        Instant deadline = CLOCK.instant().plus(options.settleTimeout());
        for (Map.Entry<String, String> request : accepted.entrySet()) {
            String[] state = new String[1];
            until(() -> {
                JsonObject body = get(EM + "/assignmentRequests/" + request.getKey(), adminToken);
                state[0] = body == null ? "unreadable" : body.getString("state");
                return TERMINAL.contains(state[0]);
            }, Duration.between(CLOCK.instant(), deadline).isNegative() ? Duration.ZERO : Duration.between(CLOCK.instant(), deadline));
            if (TERMINAL.contains(state[0])) {
                terminal++;
            } else {
                notTerminal.add(request.getValue() + " " + request.getKey() + " is " + state[0]);
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        // Every add accepted ended delivered (or was refused by the policy), and what was delivered
        // and not removed is exactly what the group holds.
        compare(packageA, groupA, lost, duplicated);
        compare(packageB, groupB, lost, duplicated);
        compare(packageC, groupC, lost, duplicated);
        accepted.forEach((id, what) -> {
            if (what.startsWith("adminAdd") || what.startsWith("adminRemove")) {
                JsonObject body = get(EM + "/assignmentRequests/" + id, adminToken);
                if (body != null && !"delivered".equals(body.getString("state"))) {
                    lost.add(what + " " + id + " ended " + body.getString("state"));
                }
            }
        });
        duplicated.addAll(duplicateRows());
        // PIM: every request terminal
        int pimTerminal = 0;
        for (Map.Entry<String, String[]> request : pimAccepted.entrySet()) {
            String[] status = new String[1];
            until(() -> {
                JsonObject body = get(PIM_PATH + request.getValue()[0] + "/" + request.getKey(), pimAdminToken);
                status[0] = body == null ? "unreadable" : body.getString("status");
                return PIM_TERMINAL.contains(status[0]);
            }, Duration.between(CLOCK.instant(), deadline).isNegative() ? Duration.ZERO : Duration.between(CLOCK.instant(), deadline));
            if (PIM_TERMINAL.contains(status[0])) {
                pimTerminal++;
            } else {
                notTerminal.add(request.getValue()[1] + " " + request.getKey() + " is " + status[0]);
            }
        }
        // settled: no schedule left waiting for a start that passed, no timer overdue, every outbox row sent
        until(() -> settled().isEmpty(), Duration.between(CLOCK.instant(), deadline).isNegative() ? Duration.ZERO
                : Duration.between(CLOCK.instant(), deadline));
        lost.addAll(settled());
        int timersFired = pimSchedules(lost, duplicated) + expiries(lost, duplicated);
        List<String> misordered = new ArrayList<>();
        int histories = assignmentHistories(misordered) + pimHistories(duplicated, misordered);
        Map<String, Integer> all = snapshot(statuses);
        return new Report(sent.get(), all, retried.get(), faults, accepted.size(), terminal, notTerminal, lost,
                duplicated, List.copyOf(unexpected), took, pimAccepted.size(), pimTerminal, timersFired, histories,
                misordered);
    }

    /** What is not yet settled: each item a timer not fired, or an outbox row not sent. */
    private List<String> settled() {
        List<String> open = new ArrayList<>();
        try {
            if (!pimUsers.isEmpty()) {
                for (List<String> row : rows(LocalStack.PIM, "select id, start_at from role_schedule where "
                        + "status = 'Granted' and ended_at is null "
                        + "and start_at < now() - interval '10 seconds' and principal_id in (" + pimUserList() + ")")) {
                    open.add("schedule " + row.get(0) + " due to start at " + row.get(1) + " never started (start timer lost)");
                }
            }
            // package C's assignments all expire: wait for the last of them (one requested late in the
            // load ends up to EXPIRING_AFTER later)
            for (List<String> row : rows(LocalStack.REQUEST, "select id, end_at from assignment where access_package_id = '"
                    + packageC + "' and state <> 'expired'")) {
                open.add("assignment " + row.get(0) + " due to end at " + row.get(1) + " not expired (expiry timer lost)");
            }
            for (String service : LocalStack.SERVICES) {
                for (List<String> row : rows(service, "select kind, timer_key, attempts, parked_at from durable_timer "
                        + "where parked_at is not null or coalesce(retry_at, due_at) < now() - interval '60 seconds'")) {
                    open.add(service + " timer " + row.get(0) + "/" + row.get(1) + (row.get(3) != null
                            ? " parked after " + row.get(2) + " attempts" : " overdue"));
                }
                for (List<String> row : rows(service, "select count(*) from outbox_event where sent_at is null")) {
                    if (!"0".equals(row.get(0))) {
                        open.add(service + " outbox: " + row.get(0) + " event(s) never published");
                    }
                }
            }
        } catch (SQLException e) {
            open.add("database unreadable: " + e.getMessage());
        }
        return open;
    }

    /**
     * In pim-service's database: no principal holds two live schedules of the role (one kind, one scope),
     * no request made two schedules, and each schedule that started after its creation (the activations)
     * did so once — one {@code started} event per schedule (its start timer fired once); 0 such events is a
     * lost timer. Returns how many schedules were checked so.
     */
    private int pimSchedules(List<String> lost, List<String> duplicated) throws SQLException {
        if (pimUsers.isEmpty()) {
            return 0;
        }
        String users = pimUserList();
        for (List<String> row : rows(LocalStack.PIM, "select principal_id, kind, count(*) from role_schedule "
                + "where ended_at is null and principal_id in (" + users + ") group by principal_id, kind, role_definition_id, "
                + "coalesce(directory_scope_id, ''), coalesce(app_scope_id, '') having count(*) > 1")) {
            duplicated.add("principal " + row.get(0) + " holds " + row.get(2) + " live " + row.get(1) + " schedules of one role");
        }
        for (List<String> row : rows(LocalStack.PIM, "select created_using, count(*) from role_schedule "
                + "where principal_id in (" + users + ") group by created_using having count(*) > 1")) {
            duplicated.add("request " + row.get(0) + " made " + row.get(1) + " schedules");
        }
        int checked = 0;
        for (List<String> row : rows(LocalStack.PIM, "select s.id, s.status, (select count(*) from outbox_event e "
                + "where e.event_type = '" + PIM_SCHEDULE_CHANGED + "' and e.payload::jsonb ->> 'scheduleId' = s.id::text "
                + "and e.payload::jsonb ->> 'change' = 'started') from role_schedule s where "
                + "s.start_at > s.created_at and s.status in ('Provisioned', 'Revoked', 'Expired') "
                // removed before its start is Revoked too, but never started (nothing ends within five
                // minutes after a start, so one ended after its start had its start timer fire first)
                + "and (s.ended_at is null or s.ended_at >= s.start_at) "
                + "and s.principal_id in (" + users + ")")) {
            checked++;
            int started = Integer.parseInt(row.get(2));
            if (started == 0) {
                lost.add("schedule " + row.get(0) + " is " + row.get(1) + " without a started event");
            } else if (started > 1) {
                duplicated.add("schedule " + row.get(0) + " started " + started + " times (its start timer fired twice)");
            }
        }
        return checked;
    }

    /**
     * In request-service's database: each assignment of package C (all of which expire during the drill)
     * is {@code expired} and ended exactly once — one {@code systemRemove} request and one
     * {@code assignment.removed} event for it (0 = its expiry timer was lost, 2 = it fired twice).
     * Returns how many assignments were checked.
     */
    private int expiries(List<String> lost, List<String> duplicated) throws SQLException {
        int checked = 0;
        for (List<String> row : rows(LocalStack.REQUEST, "select a.id, a.state, (select count(*) from assignment_request r "
                + "where r.assignment_id = a.id and r.request_type = 'systemRemove'), (select count(*) from outbox_event e "
                + "where e.event_type = '" + ASSIGNMENT_REMOVED + "' and e.payload::jsonb ->> 'assignmentId' = a.id::text) "
                + "from assignment a where a.access_package_id = '" + packageC + "'")) {
            if (!"expired".equals(row.get(1))) {
                continue; // reported by the settle check
            }
            checked++;
            int removals = Integer.parseInt(row.get(2));
            int events = Integer.parseInt(row.get(3));
            if (removals == 0 || events == 0) {
                lost.add("assignment " + row.get(0) + " is " + row.get(1) + " with " + removals + " expiry removal(s) and "
                        + events + " removed event(s)");
            } else if (removals > 1 || events > 1) {
                duplicated.add("assignment " + row.get(0) + " expired " + removals + " times (" + events + " removed events)");
            }
        }
        return checked;
    }

    /**
     * pim-service's schedule events in the order they were written (outbox position): per schedule the
     * first is {@code created}, at most one ends it ({@code removed} / {@code expired}), nothing comes after,
     * and they were published ({@code sent_at}) in that order (each step of a schedule locks its row, so
     * its events are written one after the other). Returns how many schedules were checked.
     */
    private int pimHistories(List<String> duplicated, List<String> misordered) throws SQLException {
        if (pimUsers.isEmpty()) {
            return 0;
        }
        Map<String, List<String>> histories = new LinkedHashMap<>();
        Map<String, Timestamp> lastSent = new HashMap<>();
        for (List<String> row : rows(LocalStack.PIM, "select payload::jsonb ->> 'scheduleId', payload::jsonb ->> 'change', "
                + "to_char(sent_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
                + "from outbox_event where event_type = '" + PIM_SCHEDULE_CHANGED + "' and payload::jsonb ->> 'principalId' in ("
                + pimUserList() + ") order by position")) {
            histories.computeIfAbsent(row.get(0), id -> new ArrayList<>()).add(row.get(1));
            if (row.get(2) == null) {
                continue; // not published: reported by the settle check
            }
            Timestamp sent = Timestamp.valueOf(row.get(2));
            Timestamp before = lastSent.put(row.get(0), sent);
            if (before != null && sent.before(before)) {
                misordered.add("schedule " + row.get(0) + " " + row.get(1) + " published before the event written ahead of it");
            }
        }
        histories.forEach((schedule, changes) -> {
            int end = -1;
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).equals("removed") || changes.get(i).equals("expired")) {
                    if (end >= 0) {
                        duplicated.add("schedule " + schedule + " ended twice: " + changes);
                    }
                    end = i;
                } else if (end >= 0) {
                    misordered.add("schedule " + schedule + " " + changes.get(i) + " after it ended: " + changes);
                }
            }
            if (!changes.get(0).equals("created")) {
                misordered.add("schedule " + schedule + " history starts " + changes);
            }
        });
        return histories.size();
    }

    /**
     * In request-service's outbox: no assignment's {@code assignment.removed} event was written or published
     * ({@code position}, {@code sent_at}) before its {@code assignment.granted} event (both keyed by the
     * assignment id; the removal of an assignment always follows its grant). Returns how many
     * assignments' histories were checked.
     */
    private int assignmentHistories(List<String> misordered) throws SQLException {
        for (List<String> row : rows(LocalStack.REQUEST, "select distinct r.event_key from outbox_event g join outbox_event r "
                + "on g.topic = r.topic and g.event_key = r.event_key where g.event_type = '" + ASSIGNMENT_GRANTED + "' "
                + "and r.event_type = '" + ASSIGNMENT_REMOVED + "' and (r.position < g.position or r.sent_at < g.sent_at) limit 5")) {
            misordered.add("assignment " + row.get(0) + " removed before it was granted (request-service outbox)");
        }
        return Integer.parseInt(rows(LocalStack.REQUEST, "select count(distinct event_key) from outbox_event where event_type = '"
                + ASSIGNMENT_GRANTED + "'").get(0).get(0));
    }

    private String pimUserList() {
        return "'" + String.join("', '", pimUsers) + "'";
    }

    private List<List<String>> rows(String service, String sql) throws SQLException {
        List<List<String>> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(service), "postgres", "postgres");
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rows.getString(c));
                }
                found.add(row);
            }
        }
        return found;
    }

    /** The package's delivered assignments against the group's members (Graph's view of provisioning). */
    private void compare(String accessPackage, String group, List<String> lost, List<String> duplicated) {
        List<String> holders = new ArrayList<>();
        for (JsonObject assignment : pages(EM + "/assignments?$filter=" + encode("accessPackage/id eq '" + accessPackage
                + "' and state eq 'delivered'") + "&$expand=target")) {
            holders.add(assignment.getJsonObject("target").getString("objectId"));
        }
        List<String> members = new ArrayList<>();
        for (JsonObject member : pages("/v1.0/groups/" + group + "/members")) {
            members.add(member.getString("id"));
        }
        Set<String> holderSet = new HashSet<>(holders);
        Set<String> memberSet = new HashSet<>(members);
        if (holderSet.size() != holders.size()) {
            duplicated.add((holders.size() - holderSet.size()) + " user(s) hold two delivered assignments of package "
                    + accessPackage);
        }
        if (memberSet.size() != members.size()) {
            duplicated.add("group " + group + " lists a member twice");
        }
        Set<String> missing = new HashSet<>(holderSet);
        missing.removeAll(memberSet);
        missing.forEach(user -> lost.add("user " + user + " holds package " + accessPackage + " but is not in group " + group));
        Set<String> extra = new HashSet<>(memberSet);
        extra.removeAll(holderSet);
        extra.forEach(user -> lost.add("user " + user + " is in group " + group + " without an assignment (removal lost)"));
    }

    /** In provisioning's database: a membership delivered by two assignments of one package. */
    private List<String> duplicateRows() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(LocalStack.PROVISIONING), "postgres", "postgres");
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("select group_id, member_id, count(*) from group_membership "
                        + "where relationship = 'member' and source <> 'direct' and group_id in ('" + groupA + "', '"
                        + groupB + "', '" + groupC + "') group by group_id, member_id having count(*) > 1")) {
            while (rows.next()) {
                found.add("member " + rows.getString(2) + " of group " + rows.getString(1) + " delivered "
                        + rows.getInt(3) + " times");
            }
        }
        return found;
    }

    private List<JsonObject> pages(String path) {
        List<JsonObject> items = new ArrayList<>();
        String next = path;
        while (next != null) {
            JsonObject page = get(next, adminToken);
            if (page == null) {
                throw new IllegalStateException("Could not read " + next);
            }
            page.getJsonArray("value").forEach(item -> items.add((JsonObject) item));
            String link = page.getString("@odata.nextLink");
            next = link == null ? null : URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();
        }
        return items;
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    /** A GET for the check: not counted, retried on 503. */
    private JsonObject get(String path, String token) {
        return call("GET", path, null, token);
    }

    /**
     * One Graph call through the gateway, counted. A 503 or 429 with Retry-After is waited for (at most a
     * second) and sent again, as a Graph SDK does; the body of a 2xx is returned, null otherwise (and the answer noted).
     */
    JsonObject call(String method, String path, String body, String token) {
        boolean retrying = false;
        for (int attempt = 0; attempt < 120; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            if (!checking) {
                sent.incrementAndGet();
            }
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                count("connection failure");
                unexpected.add(method + " " + path + ": " + e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            int status = response.statusCode();
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            boolean retryable = (status == 503 || status == 429) && retryAfter;
            count(retryable ? status + "+Retry-After" : Integer.toString(status));
            if (retryable) {
                noteUnavailable(method, path, response.body());
                retried.incrementAndGet();
                retrying = true;
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                pause(Duration.ofMillis(Math.min(1000, Math.max(100, seconds * 1000))));
                continue;
            }
            if (retrying && method.equals("POST") && (status == 409
                    || status == 400 && response.body() != null && (response.body().contains("RoleAssignmentExists")
                            || response.body().contains("RoleAssignmentDoesNotExist")))) {
                // the first try was held by a replica that died, and took effect: the retry is refused
                // as a duplicate (nothing is done twice); the request is checked with the rest by the
                // comparison of assignments and memberships
                count(RETRY_REFUSED);
                return null;
            }
            if (status / 100 != 2) {
                String what = body == null ? "" : " (" + abbreviate(body.strip()).replaceAll("\\s+", " ") + ")";
                unexpected.add(method + " " + path + what + " → " + status + " " + abbreviate(response.body()));
                return null;
            }
            String text = response.body();
            return text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        }
        unexpected.add(method + " " + path + ": still 503 after 120 tries");
        return null;
    }

    /** Where a 503 came from, while a fault is on: method, path without ids or query, Graph error code. */
    private void noteUnavailable(String method, String path, String body) {
        Map<String, AtomicInteger> fault = faultUnavailable;
        if (fault == null || checking) {
            return;
        }
        String code = "?";
        try {
            JsonObject error = new JsonObject(body).getJsonObject("error");
            String message = String.valueOf(error.getString("message"));
            code = error.getString("code") + " '" + message.substring(0, Math.min(32, message.length())) + "…'";
        } catch (RuntimeException e) {
            // not a Graph error body: noted as "?"
        }
        String shape = path.replaceAll("\\?.*$", "").replaceAll("[0-9a-fA-F-]{36}", "{id}");
        fault.computeIfAbsent(method + " " + shape + " " + code, k -> new AtomicInteger()).incrementAndGet();
    }

    private void count(String status) {
        if (checking) {
            return;
        }
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        Map<String, AtomicInteger> fault = faultStatuses;
        if (fault != null) {
            fault.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
        Map<String, Integer> copy = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> copy.put(e.getKey(), e.getValue().get()));
        return copy;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passed. */
    private static boolean until(BooleanSupplier condition, Duration timeout) {
        Instant deadline = CLOCK.instant().plus(timeout);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (CLOCK.instant().isAfter(deadline)) {
                return false;
            }
            pause(Duration.ofMillis(100));
        }
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

}
