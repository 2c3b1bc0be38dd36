package dev.tessera.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's SMTP server (GreenMail, loopback only): every service's mailer sends to it, and it keeps what
 * it receives in memory for as long as the stack runs. Its page lists the mails, newest last: {@code GET /} as
 * plain text, {@code GET /mails} as JSON ({@code {"value":[{"to","from","subject","text","receivedDateTime"}]}}).
 */
public final class MailCatcher implements AutoCloseable {

    /** A received mail. */
    public record Mail(String to, String from, String subject, String text, String receivedDateTime) {
    }

    private final GreenMail greenMail;
    private final Vertx vertx;
    private final HttpServer server;

    private MailCatcher(GreenMail greenMail, Vertx vertx, HttpServer server) {
        this.greenMail = greenMail;
        this.vertx = vertx;
        this.server = server;
    }

    /** SMTP on {@code smtpPort}, the page on {@code httpPort} (0: any free port). */
    public static MailCatcher start(int smtpPort, int httpPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Vertx vertx = Vertx.vertx();
        MailCatcher[] self = new MailCatcher[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            List<Mail> mails = self[0] == null ? List.of() : self[0].received();
            if ("/mails".equals(request.path())) {
                JsonArray value = new JsonArray();
                mails.forEach(m -> value.add(new JsonObject().put("to", m.to()).put("from", m.from())
                        .put("subject", m.subject()).put("text", m.text()).put("receivedDateTime", m.receivedDateTime())));
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("value", value).encode());
            } else if ("/".equals(request.path())) {
                StringBuilder page = new StringBuilder("Mails received by the local stack's SMTP server: "
                        + mails.size() + "\n");
                for (Mail m : mails) {
                    page.append("\n----- ").append(m.receivedDateTime()).append("\nTo: ").append(m.to())
                            .append("\nFrom: ").append(m.from()).append("\nSubject: ").append(m.subject())
                            .append("\n\n").append(m.text()).append('\n');
                }
                request.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(page.toString());
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        try {
            server.listen(httpPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            greenMail.stop();
            throw new IllegalStateException("The mail page could not listen on port " + httpPort, e);
        }
        self[0] = new MailCatcher(greenMail, vertx, server);
        return self[0];
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int httpPort() {
        return server.actualPort();
    }

    public String url() {
        return "http://localhost:" + httpPort() + "/";
    }

    /** Every mail received so far, in order. */
    public List<Mail> received() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                Object content = message.getContent();
                mails.add(new Mail(first(message.getRecipients(Message.RecipientType.TO)), first(message.getFrom()),
                        message.getSubject(), content instanceof String text ? text.replace("\r\n", "\n")
                                : String.valueOf(content),
                        message.getReceivedDate() == null ? "" : message.getReceivedDate().toInstant().toString()));
            } catch (Exception e) {
                mails.add(new Mail("", "", "(unreadable: " + e.getMessage() + ")", "", ""));
            }
        }
        return mails;
    }

    private static String first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? "" : addresses[0].toString();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        } finally {
            greenMail.stop();
        }
    }
}
