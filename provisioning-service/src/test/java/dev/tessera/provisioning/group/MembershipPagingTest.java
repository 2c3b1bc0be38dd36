package dev.tessera.provisioning.group;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.provisioning.Directory;
import dev.tessera.testsupport.TesseraInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of members and memberOf (the page's key is repeated inside the membership subquery,
 * issue 16): every page together holds each member once, in id order, however many sources hold a
 * place, and owners and other groups' members stay out. Rows are seeded in SQL; nothing is timed.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class MembershipPagingTest {

    @Test
    void everyMemberOnceInIdOrderAcrossPagesWhateverTheSources() throws Exception {
        UUID group = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID user = null;
        try (Connection db = connection()) {
            group(db, group);
            group(db, other);
            for (int i = 0; i < 37; i++) {
                UUID u = user(db);
                user = u;
                if (i % 5 != 4) {
                    membership(db, group, u, "member", "direct");
                }
                if (i % 3 == 0) {
                    membership(db, group, u, "member", "assignment-" + UUID.randomUUID()); // held twice
                }
                if (i % 4 == 0) {
                    membership(db, group, u, "owner", "direct");
                }
                membership(db, other, u, "member", "direct");
            }
            List<String> expected = ids(db, "select distinct member_id from group_membership where group_id = ? "
                    + "and relationship = 'member' order by member_id", group);
            assertEquals(expected, allPages("/v1.0/groups/" + group + "/members", 4));
            List<String> owners = ids(db, "select distinct member_id from group_membership where group_id = ? "
                    + "and relationship = 'owner' order by member_id", group);
            assertEquals(owners, allPages("/v1.0/groups/" + group + "/owners", 3));

            for (int i = 0; i < 8; i++) {
                UUID g = UUID.randomUUID();
                group(db, g);
                membership(db, g, user, "member", "direct");
                membership(db, g, user, "member", "assignment-" + UUID.randomUUID());
            }
            List<String> groups = ids(db, "select distinct group_id from group_membership where member_id = ? "
                    + "and relationship = 'member' order by group_id", user);
            assertEquals(10, groups.size());
            assertEquals(groups, allPages("/v1.0/users/" + user + "/memberOf", 3));
        }
    }

    /** Follows {@code @odata.nextLink} to the end; the ids of every page in order. */
    static List<String> allPages(String path, int top) {
        List<String> ids = new ArrayList<>();
        Map<String, String> query = new HashMap<>(Map.of("$top", String.valueOf(top)));
        for (int pages = 0; pages < 1000; pages++) {
            JsonPath page = given().auth().oauth2(Directory.admin()).queryParams(query).when().get(path).then()
                    .statusCode(200).extract().jsonPath();
            List<String> found = page.getList("value.id");
            assertTrue(found.size() <= top);
            ids.addAll(found);
            String next = page.getString("'@odata.nextLink'");
            if (next == null) {
                return ids;
            }
            query = new HashMap<>();
            for (String pair : URI.create(next).getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
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
            return ids;
        }
    }

    static void group(Connection db, UUID id) throws Exception {
        try (PreparedStatement q = db.prepareStatement("insert into directory_group (id, display_name, mail_nickname, "
                + "mail_enabled, security_enabled, is_assignable_to_role, created_date_time) "
                + "values (?, 'Paged', ?, false, true, false, now())")) {
            q.setObject(1, id);
            q.setString(2, "paged" + id.toString().substring(0, 8));
            q.executeUpdate();
        }
    }

    static UUID user(Connection db) throws Exception {
        UUID id = UUID.randomUUID();
        String nick = "paged" + id.toString().replace("-", "").substring(0, 20);
        try (PreparedStatement q = db.prepareStatement("insert into directory_user (id, display_name, user_principal_name, "
                + "mail_nickname, user_type, account_enabled, created_date_time) values (?, 'Paged', ?, ?, 'Member', true, now())")) {
            q.setObject(1, id);
            q.setString(2, nick + "@contoso.onmicrosoft.com");
            q.setString(3, nick);
            q.executeUpdate();
        }
        return id;
    }

    static void membership(Connection db, UUID group, UUID member, String relationship, String source) throws Exception {
        try (PreparedStatement q = db.prepareStatement("insert into group_membership (group_id, member_id, relationship, "
                + "source, created_at) values (?, ?, ?, ?, now())")) {
            q.setObject(1, group);
            q.setObject(2, member);
            q.setString(3, relationship);
            q.setString(4, source.length() > 64 ? source.substring(0, 64) : source);
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
