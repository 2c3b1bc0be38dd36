package dev.tessera.devstack;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;

/** The local stack's SMTP server keeps what it receives and lists it on its page. */
class MailCatcherTest {

    @Test
    void aMailSentToTheStacksSmtpServerIsListedOnItsPage() {
        try (MailCatcher mail = MailCatcher.start(0, 0)) {
            GreenMailUtil.sendTextEmail("approver@contoso.test", "tessera@tessera.local", "Action required",
                    "Approve or deny:\nhttp://localhost:8080/v1.0/x", new ServerSetup(mail.smtpPort(), "127.0.0.1",
                            ServerSetup.PROTOCOL_SMTP));

            assertEquals(1, mail.received().size());
            given().when().get(mail.url() + "mails").then().statusCode(200)
                    .body("value[0].to", equalTo("approver@contoso.test"))
                    .body("value[0].subject", equalTo("Action required"))
                    .body("value[0].text", containsString("http://localhost:8080/v1.0/x"));
            given().when().get(mail.url()).then().statusCode(200)
                    .body(containsString("Subject: Action required"));
            given().when().get(mail.url() + "other").then().statusCode(404);
        }
    }

    @Test
    void freePortsPicksTheMailPortsFreeToo() {
        LocalStack.Builder builder = LocalStack.builder().freePorts();
        assertEquals(0, builder.mailPort + builder.mailPagePort);
        assertEquals(11025, LocalStack.builder().mailPort);
    }
}
