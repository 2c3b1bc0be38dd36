package dev.tessera.e2e;

import static dev.tessera.e2e.Tessera.EM;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devstack.LocalStack;
import dev.tessera.devstack.MailCatcher;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Email notifications on the whole stack: a request under a policy with an approval stage mails its approver
 * (at the stack's SMTP server) a link that opens the request's approval through the gateway; the approval mails
 * the requestor, and so does the delivery.
 */
@ExtendWith(StackExtension.class)
class MailNotificationsIT {

    static final String APPROVALS = EM + "/accessPackageAssignmentApprovals";

    @Test
    void theApproverIsMailedALinkAndTheRequestorIsToldOfTheApprovalAndTheDelivery() throws Exception {
        LocalStack stack = StackExtension.stack();
        Graph admin = Tessera.admin(stack);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String group = Tessera.createGroup(admin, "Mail group " + suffix);
        String catalog = Tessera.generalCatalog(admin);
        List<String> resource = Tessera.addGroupToCatalog(admin, catalog, group);
        String packageName = "Mail package " + suffix;
        String accessPackage = Tessera.createPackage(admin, catalog, packageName, resource.get(2), resource.get(1));
        String user = Tessera.createUser(admin, "Mailasker-" + suffix);
        String approver = Tessera.createUser(admin, "Mailapprover-" + suffix);
        String userMail = "Mailasker-" + suffix + "@contoso.onmicrosoft.com";
        String approverMail = "Mailapprover-" + suffix + "@contoso.onmicrosoft.com";
        String policy = admin.post(EM + "/assignmentPolicies", """
                {"displayName":"Mail %s","description":"mail test","accessPackage":{"id":"%s"},
                 "expiration":{"type":"afterDuration","duration":"P30D"},
                 "allowedTargetScope":"specificDirectoryUsers",
                 "specificAllowedTargets":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}],
                 "requestorSettings":{"enableTargetsToSelfAddAccess":true},
                 "requestApprovalSettings":{"isApprovalRequiredForAdd":true,"isApprovalRequiredForUpdate":false,"stages":[
                   {"durationBeforeAutomaticDenial":"P1D","isApproverJustificationRequired":false,"isEscalationEnabled":false,
                    "primaryApprovers":[{"@odata.type":"#microsoft.graph.singleUser","userId":"%s"}]}]}}
                """.formatted(suffix, accessPackage, user, approver)).statusCode(201).extract().path("id");
        Graph asUser = admin.as(stack.tokenMinter().forUser(user).sign());
        Graph asApprover = admin.as(stack.tokenMinter().forUser(approver).sign());
        String request = asUser.post(EM + "/assignmentRequests", """
                {"requestType":"userAdd","justification":"quarter close",
                 "assignment":{"targetId":"%s","assignmentPolicyId":"%s","accessPackageId":"%s"}}
                """.formatted(user, policy, accessPackage))
                .statusCode(201).body("state", equalTo("pendingApproval")).extract().path("id");

        MailCatcher.Mail ask = awaitMail(stack, approverMail, "Action required");
        assertTrue(ask.subject().contains(packageName), ask.subject());
        String link = link(ask.text(), stack.gatewayUrl());
        assertEquals(stack.gatewayUrl() + APPROVALS + "/" + request, link);
        asApprover.getVerbatim(link).statusCode(200).body("id", equalTo(request));

        String stage = RequestRestartIT.currentStage(asApprover, request);
        RequestRestartIT.decide(asApprover, request, stage).statusCode(204);

        MailCatcher.Mail approved = awaitMail(stack, userMail, "was approved");
        assertTrue(approved.subject().contains(packageName), approved.subject());
        asUser.getVerbatim(link(approved.text(), stack.gatewayUrl())).statusCode(200).body("id", equalTo(request));
        awaitMail(stack, userMail, "You now have access");
        assertEquals(1, mails(stack, approverMail, "Action required").size(), "the approver was asked once");
    }

    static MailCatcher.Mail awaitMail(LocalStack stack, String to, String subjectPart) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !mails(stack, to, subjectPart).isEmpty());
        List<MailCatcher.Mail> found = mails(stack, to, subjectPart);
        assertEquals(1, found.size(), "one mail '" + subjectPart + "' to " + to);
        return found.get(0);
    }

    static List<MailCatcher.Mail> mails(LocalStack stack, String to, String subjectPart) {
        return stack.mail().received().stream()
                .filter(m -> m.to().equalsIgnoreCase(to) && m.subject().contains(subjectPart)).toList();
    }

    static String link(String text, String base) {
        int at = text.indexOf(base);
        assertTrue(at >= 0, "a link to " + base + " in: " + text);
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(at, end);
    }
}
