package dev.tessera.request.assignment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.testsupport.TesseraInfraResource;
import dev.tessera.testsupport.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The export read as a projection in keyset chunks (50 rows in tests, {@code tessera.export.chunk-size}):
 * an export of several chunks holds every matching row exactly once, in id order, and its bytes are
 * those of the rows as stored — whether the rows end mid-chunk or exactly at a chunk's end, with a
 * {@code $filter}, and with a caller's visibility (their own rows among others') across chunks.
 * Rows are seeded in SQL; nothing here measures time.
 */
@QuarkusTest
@WithTestResource(value = TesseraInfraResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentExportChunksTest {

    static final String EM = "/v1.0/identityGovernance/entitlementManagement";
    static final String ADMIN = Tokens.admin(UUID.randomUUID().toString(), "Identity Governance Administrator");

    @Test
    void anExportOfSeveralChunksHoldsEveryRowOnceInIdOrderWithTheRowsBytes() throws Exception {
        UUID pkg = UUID.randomUUID();
        UUID exact = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        try (Connection db = LargeListPagingTest.connection()) {
            // 173 rows: three full chunks of 50 and 23; one mine, every 10th expired, every 25th external
            int minePlaced = 0;
            for (int i = 0; i < 173; i++) {
                UUID subject = i % 25 == 0 ? LargeListPagingTest.subject(db, "guest" + UUID.randomUUID() + "@x.example")
                        : null;
                UUID target = subject != null ? null : i == 1 ? me : UUID.randomUUID();
                minePlaced += me.equals(target) ? 1 : 0;
                String name = i % 3 == 0 ? "Sales, \"EMEA\"" : i % 3 == 1 ? "=cmd" : "Plain";
                UUID id = LargeListPagingTest.assignment(db, pkg, target, subject, i % 10 == 0 ? "expired" : "delivered",
                        name);
                if (i % 10 == 0) {
                    update(db, id, "update assignment set end_at = now(), expired_at = now() + interval '1 second', "
                            + "duration = 'P7D', expiration_type = 'afterDuration', catalog_id = ? where id = ?");
                }
            }
            // more of mine, one a package (one live assignment per target and package), some expired
            for (int i = 0; i < 54; i++) {
                LargeListPagingTest.assignment(db, UUID.randomUUID(), me, null, i % 4 == 0 ? "expired" : "delivered",
                        i % 2 == 0 ? "Mine, \"EMEA\"" : "Mine");
                minePlaced++;
            }
            // exactly three chunks of 50 in another package
            for (int i = 0; i < 150; i++) {
                LargeListPagingTest.assignment(db, exact, UUID.randomUUID(), null, "delivered", "Exact");
            }

            String all = "accessPackage/id eq '" + pkg + "'";
            assertEquals(expected(db, "access_package_id = ?", pkg), export(given().auth().oauth2(ADMIN), all));
            assertEquals(expected(db, "access_package_id = ? and state = 'delivered'", pkg),
                    export(given().auth().oauth2(ADMIN), all + " and state eq 'delivered'"));
            String exactCsv = export(given().auth().oauth2(ADMIN), "accessPackage/id eq '" + exact + "'");
            assertEquals(expected(db, "access_package_id = ?", exact), exactCsv);
            assertEquals(151, exactCsv.split("\r\n").length, "a header and 150 rows, none lost or repeated");
            // a requestor's own rows (more than a chunk of them) among the others', across chunks
            String mine = export(given().auth().oauth2(Tokens.user(me.toString())), null);
            assertEquals(expected(db, "target_object_id = ?", me), mine);
            assertEquals(1 + minePlaced, mine.split("\r\n").length);
            assertEquals(true, minePlaced > 50, "more than one chunk of the caller's own");
        }
    }

    static String export(RequestSpecification as, String filter) {
        if (filter != null) {
            as = as.queryParam("$filter", filter);
        }
        byte[] body = as.when().get(EM + "/assignments/export").then().statusCode(200).extract().asByteArray();
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The CSV of the matching rows as stored, in id order, each row once (written here, not by the service). */
    static String expected(Connection db, String where, UUID param) throws Exception {
        StringBuilder csv = new StringBuilder(AssignmentCsv.HEADER);
        List<String> ids = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("select a.id, a.access_package_id, a.access_package_name, "
                + "a.catalog_id, a.assignment_policy_id, a.target_object_id, a.state, a.status, a.start_at, a.end_at, "
                + "a.expiration_type, a.duration, a.expired_at, a.created_at, coalesce(u.display_name, s.display_name), "
                + "u.principal_name, coalesce(u.mail, s.email) from assignment a "
                + "left join directory_user u on u.object_id = a.target_object_id "
                + "left join access_package_subject s on s.id = a.target_subject_id where a." + where + " order by a.id")) {
            q.setObject(1, param);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    for (int c = 1; c <= 14; c++) {
                        String cell = switch (c) {
                            case 9, 10, 13, 14 -> {
                                OffsetDateTime t = rs.getObject(c, OffsetDateTime.class);
                                yield t == null ? "" : t.toInstant().toString();
                            }
                            case 3 -> switch (rs.getString(c)) {
                                case "Sales, \"EMEA\"" -> "\"Sales, \"\"EMEA\"\"\"";
                                case "=cmd" -> "'=cmd";
                                case "Mine, \"EMEA\"" -> "\"Mine, \"\"EMEA\"\"\"";
                                default -> rs.getString(c);
                            };
                            default -> rs.getString(c) == null ? "" : rs.getString(c);
                        };
                        csv.append(c == 1 ? "" : ",").append(cell);
                    }
                    // target name, UPN, email: from the directory view, else an external subject's own
                    for (int c = 15; c <= 17; c++) {
                        csv.append(',').append(AssignmentCsv.field(rs.getString(c)));
                    }
                    csv.append("\r\n");
                }
            }
        }
        assertEquals(ids.size(), ids.stream().distinct().count());
        return csv.toString();
    }

    static void update(Connection db, UUID id, String sql) throws Exception {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setObject(1, UUID.randomUUID());
            q.setObject(2, id);
            q.executeUpdate();
        }
    }
}
