package dev.tessera.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for mail tests, with the service's mailer pointed at it and notifications on:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
 * &#64;WithTestResource(SmtpServer.class)
 * class MyMailTest {
 *     &#64;SmtpServer.Inject
 *     SmtpServer smtp;
 * }
 * </pre>
 *
 * Tests read what it received ({@link #received()}), and stop and start it to play an SMTP outage (it comes back
 * on the same port).
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's field that receives the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    /** A received mail, as a test reads it. */
    public record Received(String to, String from, String subject, String text) {
    }

    private GreenMail greenMail;
    private int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startServer();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.from", "tessera@tessera.test",
                "tessera.notifications.enabled", "true");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(Inject.class, SmtpServer.class));
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Starts the server again (same port) after {@link #stopServer()}; what it received before is gone. */
    public synchronized void startServer() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** Stops the server: connections to its port are refused until {@link #startServer()}. */
    public synchronized void stopServer() {
        stop();
    }

    public int port() {
        return port;
    }

    /** Every mail received since the server (re)started, in order. */
    public synchronized List<Received> received() {
        List<Received> mails = new ArrayList<>();
        if (greenMail == null) {
            return mails;
        }
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                Object content = message.getContent();
                mails.add(new Received(address(message.getRecipients(Message.RecipientType.TO)),
                        address(message.getFrom()), message.getSubject(),
                        content instanceof String text ? text.replace("\r\n", "\n") : String.valueOf(content)));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("Unreadable mail", e);
            }
        }
        return mails;
    }

    /** The mails received for {@code to} (case-insensitive). */
    public List<Received> receivedBy(String to) {
        return received().stream().filter(m -> m.to().equalsIgnoreCase(to)).toList();
    }

    private static String address(jakarta.mail.Address[] addresses) {
        return addresses == null || addresses.length == 0 ? "" : addresses[0].toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
