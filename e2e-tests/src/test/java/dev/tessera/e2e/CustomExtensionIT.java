package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.devstack.LocalStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The custom extension case across the services: a launch-and-wait extension at
 * assignmentRequestApproved receives a signed call on a real local HTTP receiver, the approved request
 * waits, the receiver resumes it and it is delivered; with the receiver down the call is retried and,
 * request-service's clock moved past the callback timeout, the request ends denied.
 */
@ExtendWith(StackExtension.class)
class CustomExtensionIT {

    static final ObjectMapper MAPPER = new ObjectMapper();

    LocalStack stack;
    Graph admin;

    @BeforeEach
    void connect() throws Exception {
        stack = StackExtension.stack();
        admin = Tessera.admin(stack);
    }

    record Call(String body, String signature) {
    }

    /** A package of a new group in the General catalog, with a policy binding a new extension at approval. */
    private String[] setUp(String url, boolean approval, String requestor, String approver) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = Tessera.createGroup(admin, "Extended " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String accessPackage = Tessera.createPackage(admin, catalog, "Extended " + suffix, resource.get(2),
                resource.get(1));
        String extension = admin.post(EM + "/catalogs/" + catalog + "/customWorkflowExtensions", """
                {"@odata.type":"#microsoft.graph.accessPackageAssignmentRequestWorkflowExtension",
                 "displayName":"SoD check %s","endpointConfiguration":{"url":"%s"},
                 "clientConfiguration":{"timeoutInMilliseconds":2000,"maximumRetries":1},
                 "callbackConfiguration":{"timeoutDuration":"PT1H"}}""".formatted(suffix, url))
                .statusCode(201).extract().path("id");
        String stages = approval ? """
                {"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,
                 "stages":[{"durationBeforeAutomaticDenial":"P7D","isApproverJustificationRequired":false,
                   "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]}"""
                .formatted(approver) : "{\"isApprovalRequiredForAdd\":false,\"isApprovalRequiredForUpdate\":false,\"stages\":[]}";
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Extended","accessPackage":{"id":"%s"},"expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":%s,
                 "customExtensionStageSettings":[{"stage":"assignmentRequestApproved","customExtension":{"id":"%s"}}]}
                """.formatted(accessPackage, requestor, stages, extension)).statusCode(201).extract().path("id");
        return new String[] {accessPackage, policy, group};
    }

    private String userAdd(String requestor, String[] pkg) {
        Graph asRequestor = admin.as(stack.tokenMinter().forUser(requestor).sign());
        return asRequestor.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(requestor, pkg[1], pkg[0])).statusCode(201).extract().path("id");
    }

    private boolean signed(Call call) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(stack.customExtensionSigningSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return ("sha256=" + HexFormat.of().formatHex(mac.doFinal(call.body().getBytes(StandardCharsets.UTF_8))))
                .equals(call.signature());
    }

    @Test
    void anApprovedRequestWaitsForItsExtensionWhichResumesItAndItIsDelivered() throws Exception {
        List<Call> calls = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            calls.add(new Call(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Tessera-Signature")));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String requestor = Tessera.createUser(admin, "ext-req-" + UUID.randomUUID().toString().substring(0, 8));
            String approver = Tessera.createUser(admin, "ext-appr-" + UUID.randomUUID().toString().substring(0, 8));
            String[] pkg = setUp("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", true, requestor,
                    approver);
            String request = userAdd(requestor, pkg);

            Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
            String approvals = EM + "/accessPackageAssignmentApprovals";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asApprover.get(approvals + "/" + request + "/stages")
                    .statusCode(200).body("value.size()", equalTo(1)));
            String stage = asApprover.get(approvals + "/" + request + "/stages").extract().path("value[0].id");
            asApprover.call().body("{\"reviewResult\":\"Approve\"}").when()
                    .patch(approvals + "/" + request + "/stages/" + stage).then().statusCode(204);

            await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == 1);
            Call call = calls.get(0);
            assertTrue(signed(call), "signed with the stack's key");
            JsonNode data = MAPPER.readTree(call.body()).path("Data");
            assertEquals("assignmentRequestApproved", data.path("Stage").asText());
            assertEquals(request, data.path("AccessPackageAssignmentRequestId").asText());
            admin.get(EM + "/assignmentRequests/" + request).statusCode(200)
                    .body("state", equalTo("pendingApproval")).body("status", equalTo("WaitingForCallback"));

            admin.post(EM + "/assignmentRequests/" + request + "/resume", """
                    {"source":"Contoso.SodCheckProcess","type":"microsoft.graph.accessPackageCustomExtensionStage.assignmentRequestApproved",
                     "data":{"@odata.type":"microsoft.graph.accessPackageAssignmentRequestCallbackData",
                       "stage":"assignmentRequestApproved","customExtensionStageInstanceId":"%s",
                       "customExtensionStageInstanceDetail":"verified"}}"""
                    .formatted(data.path("CustomExtensionStageInstanceId").asText())).statusCode(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                    .statusCode(200).body("state", equalTo("delivered"))
                    .body("customExtensionCalloutInstances[0].status", equalTo("callbackReceived")));
            admin.get("/v1.0/groups/" + pkg[2] + "/members").statusCode(200).body("value.id", hasItem(requestor));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedAndTheCallbackTimeoutDeniesTheRequest() throws Exception {
        String down;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        }
        String requestor = Tessera.createUser(admin, "ext-down-" + UUID.randomUUID().toString().substring(0, 8));
        String[] pkg = setUp(down, false, requestor, null);
        String request = userAdd(requestor, pkg);
        // the first call and its one retry fail; the request waits for its callback deadline
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                .statusCode(200).body("status", equalTo("WaitingForCallback"))
                .body("customExtensionCalloutInstances[0].status", equalTo("calloutFailed")));
        try {
            Restarts.crashAndWakeAhead(stack, LocalStack.REQUEST, Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> admin.get(EM + "/assignmentRequests/" + request)
                    .statusCode(200).body("state", equalTo("denied"))
                    .body("'@tessera.deliveryTrace'.reason", containsString("did not call back in time"))
                    .body("customExtensionCalloutInstances[0].status", equalTo("callbackTimedOut")));
        } finally {
            Restarts.backToRealTime(stack, LocalStack.REQUEST);
        }
    }
}
