package dev.tessera.platform.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code tessera.notifications.*}: whether mails are queued at all, and what their links start with. */
@ConfigMapping(prefix = "tessera.notifications")
public interface NotificationsConfig {

    /** Off (the default): nothing is queued. */
    @WithDefault("false")
    boolean enabled();

    /** The public URL links start with (the gateway's). */
    @WithDefault("http://localhost:8080")
    String baseUrl();
}
