package dev.tessera.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tessera.devstack.LocalStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of pim-service while an assignment waits for its future start: the start lives in
 * PostgreSQL as a durable timer, so after the restart the assignment is provisioned, once.
 */
@ExtendWith(StackExtension.class)
class PimRestartIT {

    static final String D = "/v1.0/roleManagement/directory/";
    static final String GROUPS_ADMINISTRATOR = "fdd7a751-b60b-444a-984c-02652fe8fa1c";

    @Test
    void aScheduledStartSurvivesAKilledPimService() throws Exception {
        LocalStack stack = StackExtension.stack();
        Graph admin = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(Tessera.ADMIN)
                .role("Identity Governance Administrator").sign());
        Graph pra = new Graph(stack.gatewayUrl(), stack.tokenMinter().forUser(UUID.randomUUID().toString())
                .role("Privileged Role Administrator").sign());
        String user = Tessera.createUser(admin, "OnCall-" + UUID.randomUUID().toString().substring(0, 8));
        Instant start = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);

        String request = pra.post(D + "roleAssignmentScheduleRequests", """
                {"action":"adminAssign","justification":"night shift","roleDefinitionId":"%s","directoryScopeId":"/",
                 "principalId":"%s","scheduleInfo":{"startDateTime":"%s","expiration":{"type":"afterDuration","duration":"PT8H"}}}
                """.formatted(GROUPS_ADMINISTRATOR, user, start))
                .statusCode(201).body("status", equalTo("Granted")).extract().path("id");

        stack.stopService(LocalStack.PIM, true);
        stack.startService(LocalStack.PIM);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> pra.get(D + "roleAssignmentScheduleRequests/" + request)
                .statusCode(200).body("status", equalTo("Provisioned")));
        pra.get(D + "roleAssignmentScheduleInstances", "$filter", "principalId eq '" + user + "'")
                .statusCode(200).body("value", hasSize(1))
                .body("value[0].roleDefinitionId", equalTo(GROUPS_ADMINISTRATOR))
                .body("value[0].startDateTime", equalTo(start.toString()));
    }
}
