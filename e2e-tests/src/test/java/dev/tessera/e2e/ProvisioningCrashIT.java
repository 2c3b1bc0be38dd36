package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of provisioning-service while grants and removals are in flight: after it restarts every
 * accepted request reaches its terminal state exactly once and no membership is doubled or lost.
 */
@ExtendWith(StackExtension.class)
class ProvisioningCrashIT {

    static final int USERS = 6;

    @Test
    void killingProvisioningMidFlightLosesNothingAndDoublesNothing() throws Exception {
        LocalStack stack = StackExtension.stack();
        Graph admin = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(Tessera.ADMIN)
                .role("Identity Governance Administrator")
                .role("User Administrator").sign());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(Tessera.createUser(admin, "Crash" + i + "-" + suffix));
        }
        String group = Tessera.createGroup(admin, "Crash group " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Crash package " + suffix,
                resource.get(2), resource.get(1));
        String policy = Tessera.createPolicy(admin, accessPackage, users);

        // Grants accepted, then provisioning-service dies before (or while) delivering them.
        List<String> grants = new ArrayList<>();
        for (String user : users) {
            grants.add(admin.post(EM + "/assignmentRequests", """
                    {"requestType":"adminAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                    """.formatted(user, policy, accessPackage)).statusCode(201).extract().path("id"));
        }
        stack.stopService(LocalStack.PROVISIONING, true);
        stack.startService(LocalStack.PROVISIONING);

        for (String grant : grants) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + grant)
                    .statusCode(200).body("state", equalTo("delivered")));
        }
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200)
                .body("value", hasSize(USERS))
                .body("value.id", containsInAnyOrder(users.toArray()));

        // Removals accepted while provisioning-service is down: they wait in Kafka, then happen once.
        List<String> assignments = admin.get(EM + "/assignments", "$filter", "accessPackage/id eq '" + accessPackage + "'")
                .statusCode(200).body("value", hasSize(USERS)).extract().path("value.id");
        stack.stopService(LocalStack.PROVISIONING, true);
        List<String> removals = new ArrayList<>();
        for (String assignment : assignments) {
            removals.add(admin.post(EM + "/assignmentRequests", """
                    {"requestType":"adminRemove","assignment":{"id":"%s"}}""".formatted(assignment))
                    .statusCode(201).extract().path("id"));
        }
        admin.get("/v1.0/groups/" + group + "/members").statusCode(503);
        stack.startService(LocalStack.PROVISIONING);

        for (String removal : removals) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + removal)
                    .statusCode(200).body("state", equalTo("delivered")));
        }
        admin.get("/v1.0/groups/" + group + "/members").statusCode(200).body("value", hasSize(0));
        admin.get(EM + "/assignments", "$filter", "accessPackage/id eq '" + accessPackage + "' and state eq 'expired'")
                .statusCode(200).body("value", hasSize(USERS));
    }
}
