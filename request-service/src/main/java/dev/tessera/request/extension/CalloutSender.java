package dev.tessera.request.extension;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * POSTs a callout body to an extension's URL, signed: {@code X-Tessera-Signature: sha256=<hex>} is the
 * HMAC-SHA256 of the exact body bytes under the configured key. Non-blocking (Vert.x), on the caller's
 * context, with the extension's per-call timeout for connecting and for each wait on the answer.
 */
@ApplicationScoped
public class CalloutSender {

    public static final String SIGNATURE = "X-Tessera-Signature";
    public static final String CALLOUT_ID = "X-Tessera-Callout-Id";

    private static final Logger LOG = Logger.getLogger(CalloutSender.class);

    /** What the receiver answered: its status and, if it named one, the run id (externalCorrelationId). */
    public record Answer(int status, String correlationId) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    CustomExtensionConfig config;

    private HttpClient client;
    private byte[] key;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        key = config.signingSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    LOG.warn("tessera.custom-extensions.signing-secret is not set: custom extension calls are signed "
                            + "with a random per-process key that receivers cannot verify");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
    }

    public Uni<Answer> send(String calloutId, String url, int timeoutMs, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs).setFollowRedirects(false)
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE, "sha256=" + sign(bytes))
                .putHeader(CALLOUT_ID, calloutId);
        return client.request(options).chain(request -> request.send(Buffer.buffer(bytes)))
                .chain(response -> response.body().map(ignored -> new Answer(response.statusCode(),
                        correlation(response.getHeader("x-ms-workflow-run-id"), response.getHeader("X-Correlation-Id")))));
    }

    private static String correlation(String logicAppRun, String other) {
        String id = logicAppRun != null ? logicAppRun : other;
        return id == null ? null : id.length() > 200 ? id.substring(0, 200) : id;
    }

    /** Hex HMAC-SHA256 of the bytes under the signing key. */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

}
