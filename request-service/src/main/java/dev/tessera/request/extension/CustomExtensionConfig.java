package dev.tessera.request.extension;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code tessera.custom-extensions.*}: how calls to custom extensions are signed. */
@ConfigMapping(prefix = "tessera.custom-extensions")
public interface CustomExtensionConfig {

    /**
     * The HMAC-SHA256 key of the {@code X-Tessera-Signature} header, shared with receivers. Unset: a
     * random key per process is used and a warning logged (receivers cannot verify; set it in production).
     */
    Optional<String> signingSecret();
}
