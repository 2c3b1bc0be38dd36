package dev.tessera.request.fake;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ServiceUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for provisioning-service's {@code /internal/v1/externalUsers/{id}} over real HTTP: guests of
 * {@link FakeDirectoryApi} are blocked, unblocked and deleted; any other user is 409, an unknown one 404.
 * Records every call in order.
 */
@Path("/internal/v1/externalUsers/{userId}")
public class FakeExternalUsersApi {

    public static final Set<String> BLOCKED = ConcurrentHashMap.newKeySet();
    public static final Set<String> DELETED = ConcurrentHashMap.newKeySet();
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static volatile boolean down;

    public static void down(boolean isDown) {
        down = isDown;
    }

    /** The calls made for one user, e.g. {@code [blockSignIn, unblockSignIn]}. */
    public static List<String> callsFor(String id) {
        return CALLS.stream().filter(call -> call.endsWith(" " + id)).map(call -> call.substring(0, call.indexOf(' '))).toList();
    }

    @POST
    @Path("blockSignIn")
    public void block(@PathParam("userId") String id) {
        guest(id, "blockSignIn");
        BLOCKED.add(id);
    }

    @POST
    @Path("unblockSignIn")
    public void unblock(@PathParam("userId") String id) {
        guest(id, "unblockSignIn");
        BLOCKED.remove(id);
    }

    @DELETE
    public void delete(@PathParam("userId") String id) {
        guest(id, "delete");
        DELETED.add(id);
        FakeDirectoryApi.USER_TYPES.remove(id);
    }

    private static void guest(String id, String call) {
        if (down) {
            throw new ServiceUnavailableException();
        }
        CALLS.add(call + " " + id);
        String type = FakeDirectoryApi.USER_TYPES.get(id);
        if (type == null) {
            throw new NotFoundException();
        }
        if (!"Guest".equals(type)) {
            throw new ClientErrorException(409);
        }
    }
}
