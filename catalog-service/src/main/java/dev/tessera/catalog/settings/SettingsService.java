package dev.tessera.catalog.settings;

import dev.tessera.catalog.policy.IsoDurations;
import dev.tessera.platform.graph.GraphException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The entitlement-management settings: what happens to an external user whose last assignment ends.
 * request-service reads them (with its service token) when an external user's last assignment ends.
 */
@ApplicationScoped
public class SettingsService {

    static final Duration MIN_DURATION = Duration.ofDays(1);
    static final Duration MAX_DURATION = Duration.ofDays(3650);
    static final String DURATION = "durationUntilExternalUserDeletedAfterBlocked";

    @Inject
    SettingsRepository settings;

    @Inject
    InstantSource clock;

    public Uni<SettingsJson> get() {
        return require().map(SettingsJson::of);
    }

    @WithTransaction
    public Uni<Void> update(SettingsBody body) {
        if (body == null) {
            throw GraphException.badRequest("A request body is required.");
        }
        ExternalUserLifecycleAction action = body.externalUserLifecycleAction();
        if (action == ExternalUserLifecycleAction.unknownFutureValue) {
            throw GraphException.invalidField("externalUserLifecycleAction", "Property 'externalUserLifecycleAction' "
                    + "must be none, blockSignIn or blockSignInAndDelete.");
        }
        String duration = body.durationUntilExternalUserDeletedAfterBlocked() == null ? null
                : duration(body.durationUntilExternalUserDeletedAfterBlocked());
        return require().invoke(current -> {
            if (action != null) {
                current.externalUserLifecycleAction = action;
            }
            if (duration != null) {
                current.durationUntilExternalUserDeletedAfterBlocked = duration;
            }
            current.modifiedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        }).replaceWithVoid();
    }

    /** An ISO-8601 duration from 1 to 3650 days (years and months count as 365 and 30 days). */
    static String duration(String given) {
        Duration length = IsoDurations.parse(given).orElseThrow(() -> GraphException.invalidField(DURATION,
                "'" + given + "' is not an ISO-8601 duration such as P30D."));
        if (length.compareTo(MIN_DURATION) < 0 || length.compareTo(MAX_DURATION) > 0) {
            throw GraphException.invalidField(DURATION, "Property '" + DURATION + "' must be from 1 to 3650 days; got '"
                    + given + "'.");
        }
        return given.trim().toUpperCase(Locale.ROOT);
    }

    private Uni<EntitlementManagementSettings> require() {
        // The row is created by the V4 migration; its absence is a broken database, not a client error.
        return settings.findById(EntitlementManagementSettings.ID).onItem().ifNull()
                .failWith(() -> new IllegalStateException("The entitlement_management_settings row is missing."));
    }
}
