package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What the read-scale work (issue 16, V9 list indexes) must keep: following {@code @odata.nextLink}
 * through a filtered, expanded list returns every matching row exactly once, in id order, with the
 * filter applied as before; the same for filterByCurrentUser(on='target'); the CSV export is the same
 * bytes as before and is streamed (chunked, written in keyset pages). Rows are seeded in SQL, as the
 * benchmark seeds them; nothing here measures time.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class LargeListPagingTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String ADMIN = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @Test
    void everyPageOfAFilteredExpandedListHoldsEachMatchingRowOnceInIdOrder() throws Exception {
        UUID pkg = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (Connection db = connection()) {
            // 230 rows in the package: 7 of 10 delivered, some for external subjects; a decoy package too
            for (int i = 0; i < 230; i++) {
                UUID subject = i % 25 == 0 ? subject(db, "guest" + UUID.randomUUID() + "@fabrikam.example") : null;
                String state = i % 10 < 7 ? "delivered" : i % 10 == 7 ? "expired" : "deliveryFailed";
                UUID assignment = assignment(db, pkg, subject == null ? UUID.randomUUID() : null, subject, state, "Pkg");
                request(db, pkg, assignment, subject, state.equals("expired") ? "delivered" : state);
            }
            for (int i = 0; i < 40; i++) {
                UUID assignment = assignment(db, other, UUID.randomUUID(), null, "delivered", "Other");
                request(db, other, assignment, null, "delivered");
            }
            String filter = "accessPackage/id eq '" + pkg + "' and state eq 'delivered'";
            List<String> expected = ids(db, "select id from assignment where access_package_id = ? and state = "
                    + "'delivered' order by id", pkg);
            assertEquals(161, expected.size());

            List<JsonPath> items = allPages(EM + "/assignments", Map.of("$filter", filter, "$expand", "target",
                    "$top", "7"), ADMIN);
            assertEquals(expected, items.stream().map(j -> j.getString("id")).toList(), "each row once, in id order");
            for (JsonPath item : items) {
                assertEquals("delivered", item.getString("state"));
                assertNotNull(item.getString("target.id"), "target expanded");
            }
            Map<String, String> emails = new HashMap<>();
            items.forEach(j -> emails.put(j.getString("id"), j.getString("target.email")));
            List<String> external = ids(db, "select a.id from assignment a where a.access_package_id = ? and a.state = "
                    + "'delivered' and a.target_subject_id is not null order by a.id", pkg);
            assertTrue(!external.isEmpty());
            for (String id : external) {
                assertTrue(emails.get(id).endsWith("@fabrikam.example"), "the subject of " + id + " expanded");
            }

            List<String> requests = ids(db, "select id from assignment_request where access_package_id = ? and state = "
                    + "'delivered' order by id", pkg);
            List<JsonPath> requestItems = allPages(EM + "/assignmentRequests", Map.of("$filter", filter, "$top", "9"),
                    ADMIN);
            assertEquals(requests, requestItems.stream().map(j -> j.getString("id")).toList());
            assertEquals(184, requests.size());
        }
    }

    @Test
    void filterByCurrentUserOnTargetPagesThroughTheUsersOwnRows() throws Exception {
        UUID me = UUID.randomUUID();
        try (Connection db = connection()) {
            for (int i = 0; i < 23; i++) {
                UUID pkg = UUID.randomUUID();
                UUID assignment = assignment(db, pkg, me, null, i % 4 == 0 ? "expired" : "delivered", "Mine " + i);
                request(db, pkg, assignment, null, "delivered");
                assignment(db, pkg, UUID.randomUUID(), null, "delivered", "Someone else's");
            }
            String token = Tokens.user(me.toString());
            List<String> assignments = ids(db, "select id from assignment where target_object_id = ? order by id", me);
            assertEquals(assignments, allPages(EM + "/assignments/filterByCurrentUser(on='target')",
                    Map.of("$top", "5", "$expand", "target"), token).stream().map(j -> j.getString("id")).toList());
            List<String> delivered = ids(db, "select id from assignment where target_object_id = ? and state = "
                    + "'delivered' order by id", me);
            assertEquals(delivered, allPages(EM + "/assignments/filterByCurrentUser(on='target')",
                    Map.of("$top", "4", "$filter", "state eq 'delivered'"), token).stream()
                    .map(j -> j.getString("id")).toList(), "the filter still applies");
            List<String> requests = ids(db, "select id from assignment_request where target_object_id = ? order by id", me);
            assertEquals(requests, allPages(EM + "/assignmentRequests/filterByCurrentUser(on='target')",
                    Map.of("$top", "6"), token).stream().map(j -> j.getString("id")).toList());
        }
    }

    /** Today's bytes for a fixed fixture: header, quoting, empty cells, times; the export is chunked. */
    @Test
    void theCsvIsTheSameBytesAndStreamedInChunks() throws Exception {
        UUID pkg = UUID.randomUUID();
        try (Connection db = connection()) {
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into assignment (id, access_package_id, access_package_name, catalog_id, assignment_policy_id,
                        target_object_id, state, status, start_at, end_at, expiration_type, duration, expired_at,
                        resource_roles, created_at, modified_at)
                    values (?::uuid, ?, ?, ?::uuid, ?::uuid, ?::uuid, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?,
                        ?::timestamptz, '[]', ?::timestamptz, ?::timestamptz)""")) {
                Object[][] rows = {
                    {"00000000-0000-4000-8000-000000000001", "Sales, \"EMEA\"", "11111111-1111-4111-8111-111111111111",
                        "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333", "delivered",
                        "Delivered", "2026-01-02T03:04:05Z", null, "noExpiration", null, null, "2026-01-02T03:04:05.123Z"},
                    {"00000000-0000-4000-8000-000000000002", "=cmd", null, "22222222-2222-4222-8222-222222222222",
                        "44444444-4444-4444-8444-444444444444", "expired", "Expired", "2026-02-01T00:00:00Z",
                        "2026-03-01T00:00:00Z", "afterDuration", "P28D", "2026-03-01T00:00:01Z", "2026-02-01T00:00:00Z"},
                };
                for (Object[] row : rows) {
                    insert.setObject(1, row[0]);
                    insert.setObject(2, pkg);
                    for (int i = 1; i < row.length; i++) {
                        insert.setObject(i + 2, row[i]);
                    }
                    insert.setObject(15, row[12]);
                    insert.executeUpdate();
                }
            }
        }
        String p = pkg.toString();
        String expected = AssignmentCsv.HEADER
                + "00000000-0000-4000-8000-000000000001," + p + ",\"Sales, \"\"EMEA\"\"\",11111111-1111-4111-8111-111111111111,"
                + "22222222-2222-4222-8222-222222222222,33333333-3333-4333-8333-333333333333,delivered,Delivered,"
                + "2026-01-02T03:04:05Z,,noExpiration,,,2026-01-02T03:04:05.123Z,,,\r\n"
                + "00000000-0000-4000-8000-000000000002," + p + ",'=cmd,,22222222-2222-4222-8222-222222222222,"
                + "44444444-4444-4444-8444-444444444444,expired,Expired,2026-02-01T00:00:00Z,2026-03-01T00:00:00Z,"
                + "afterDuration,P28D,2026-03-01T00:00:01Z,2026-02-01T00:00:00Z,,,\r\n"; // no names: targets the view never heard of
        Response export = given().auth().oauth2(ADMIN).queryParam("$filter", "accessPackage/id eq '" + p + "'")
                .when().get(EM + "/assignments/export");
        assertEquals(200, export.statusCode());
        assertEquals(expected, new String(export.asByteArray(), StandardCharsets.UTF_8));
        assertEquals("chunked", export.header("Transfer-Encoding"), "streamed, not built whole with a length");
        assertNull(export.header("Content-Length"));
    }

    /** Follows {@code @odata.nextLink} to the end; the items of every page in order. */
    static List<JsonPath> allPages(String path, Map<String, String> params, String token) {
        List<JsonPath> items = new ArrayList<>();
        Map<String, String> query = new HashMap<>(params);
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath page = given().auth().oauth2(token).queryParams(query).when().get(path).then().statusCode(200)
                    .extract().jsonPath();
            int n = page.getList("value").size();
            for (int i = 0; i < n; i++) {
                items.add(JsonPath.from(page.prettify()).setRootPath("value[" + i + "]"));
            }
            String next = page.getString("'@odata.nextLink'");
            if (next == null) {
                return items;
            }
            assertTrue(n > 0, "a next link after a page with rows only");
            query = new HashMap<>();
            for (String pair : URI.create(next).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            assertTrue(query.keySet().containsAll(params.keySet()), "the next link keeps the query: " + next);
        }
        throw new AssertionError("no end of pages");
    }

    static List<String> ids(Connection db, String sql, UUID param) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, param);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            assertEquals(ids.size(), new HashSet<>(ids).size());
            return ids;
        }
    }

    static UUID subject(Connection db, String email) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement q = db.prepareStatement("insert into access_package_subject (id, email, display_name, "
                + "subject_type, created_at) values (?, ?, 'Guest', 'user', now())")) {
            q.setObject(1, id);
            q.setString(2, email);
            q.executeUpdate();
        }
        return id;
    }

    static UUID assignment(Connection db, UUID pkg, UUID target, UUID subject, String state, String name)
            throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement q = db.prepareStatement("""
                insert into assignment (id, access_package_id, access_package_name, assignment_policy_id,
                    target_object_id, target_subject_id, state, status, start_at, expiration_type, resource_roles,
                    created_at, modified_at)
                values (?, ?, ?, ?, ?, ?, ?, initcap(?), now(), 'noExpiration', '[]', now(), now())""")) {
            q.setObject(1, id);
            q.setObject(2, pkg);
            q.setString(3, name);
            q.setObject(4, UUID.randomUUID());
            q.setObject(5, target);
            q.setObject(6, subject);
            q.setString(7, state);
            q.setString(8, state);
            q.executeUpdate();
        }
        return id;
    }

    static void request(Connection db, UUID pkg, UUID assignment, UUID subject, String state) throws Exception {
        try (PreparedStatement q = db.prepareStatement("""
                insert into assignment_request (id, request_type, state, status, access_package_id, assignment_id,
                    target_object_id, target_subject_id, requestor_object_id, created_at, completed_at)
                select ?, 'adminAdd', ?, initcap(?), ?, a.id, a.target_object_id, ?, ?, now(), now()
                from assignment a where a.id = ?""")) {
            q.setObject(1, UUID.randomUUID());
            q.setString(2, state);
            q.setString(3, state);
            q.setObject(4, pkg);
            q.setObject(5, subject);
            q.setObject(6, UUID.randomUUID());
            q.setObject(7, assignment);
            q.executeUpdate();
        }
    }

    static Connection connection() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
