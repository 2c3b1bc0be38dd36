package dev.tessera.request.fake;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for catalog-service's {@code entitlementManagement/settings} read (Graph's default: none, P30D). */
@Path("/v1.0/identityGovernance/entitlementManagement/settings")
@Produces(MediaType.APPLICATION_JSON)
public class FakeSettingsApi {

    private static volatile String action = "none";
    private static volatile String duration = "P30D";
    private static volatile boolean down;
    private static final AtomicInteger READS = new AtomicInteger();

    public static void set(String externalUserLifecycleAction, String durationUntilExternalUserDeletedAfterBlocked) {
        action = externalUserLifecycleAction;
        duration = durationUntilExternalUserDeletedAfterBlocked;
    }

    public static void reset() {
        set("none", "P30D");
        down = false;
    }

    public static void down(boolean isDown) {
        down = isDown;
    }

    public static int reads() {
        return READS.get();
    }

    @GET
    public Map<String, Object> get() {
        if (down) {
            throw new ServiceUnavailableException();
        }
        READS.incrementAndGet();
        return Map.of("@odata.context", "x", "id", "1", "externalUserLifecycleAction", action,
                "durationUntilExternalUserDeletedAfterBlocked", duration);
    }
}
