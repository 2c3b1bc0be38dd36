package dev.tessera.request.fake;

import dev.tessera.platform.graph.PageToken;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for provisioning-service's group member reads over real HTTP: pages of {@code $top} (100
 * without it) in member id order, continued by {@code @odata.nextLink} with a sealed {@code $skiptoken} as Tessera issues them, and
 * {@code $select} honoured as Graph does (the id and {@code @odata.type} always kept). Each call is
 * remembered, so tests see how the members were read.
 */
@Path("/v1.0/groups")
@Produces(MediaType.APPLICATION_JSON)
public class FakeGroupsApi {

    static final Map<String, Set<String>> MEMBERS = new ConcurrentHashMap<>();

    /** The calls made, per group: the query string of each page read. */
    static final Map<String, List<String>> CALLS = new ConcurrentHashMap<>();

    public static void group(String id, String... members) {
        MEMBERS.put(id, Set.of(members));
    }

    public static List<String> calls(String id) {
        return List.copyOf(CALLS.getOrDefault(id, List.of()));
    }

    @GET
    @Path("{id}/members")
    public Map<String, Object> members(@PathParam("id") String id, @QueryParam("$top") Integer top,
            @QueryParam("$select") String select, @QueryParam("$skiptoken") String skipToken, @Context UriInfo uri) {
        CALLS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(String.valueOf(uri.getRequestUri().getRawQuery()));
        Set<String> members = MEMBERS.get(id);
        if (members == null) {
            throw new NotFoundException();
        }
        int size = top == null ? 100 : top;
        String after = skipToken == null ? null : PageToken.decode(skipToken);
        List<String> page = members.stream().sorted().filter(m -> after == null || m.compareTo(after) > 0)
                .limit(size + 1L).toList();
        List<Object> value = new ArrayList<>();
        for (String member : page.subList(0, Math.min(size, page.size()))) {
            Map<String, Object> user = new HashMap<>();
            user.put("@odata.type", "#microsoft.graph.user");
            user.put("id", member);
            if (select == null) {
                user.put("displayName", "Member " + member);
                user.put("userPrincipalName", member + "@example.com");
            }
            value.add(user);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("value", value);
        if (page.size() > size) {
            body.put("@odata.nextLink", uri.getBaseUriBuilder().path("v1.0/groups").path(id).path("members")
                    .queryParam("$top", size)
                    .queryParam("$skiptoken", PageToken.seal(uri.getPath(), PageToken.encode(page.get(size - 1))))
                    .build().toString());
        }
        return body;
    }
}
