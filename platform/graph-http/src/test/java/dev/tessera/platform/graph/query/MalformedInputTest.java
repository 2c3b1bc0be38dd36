package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tessera.platform.graph.GraphException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the answer is a result or a 400: never a NullPointerException,
 * NumberFormatException, index error or stack overflow that would surface as a 500.
 */
class MalformedInputTest {

    static final FieldMap FIELDS = FilterTranslatorTest.FIELDS;

    static final List<String> FILTER_PIECES = List.of("displayName", "id", "state", "isHidden", "sequence",
            "createdDateTime", "accessPackage/id", "resource/", "eq", "ne", "gt", "in", "and", "or", "not", "(", ")",
            ",", "'", "''", "'x'", "'50%'", "null", "true", "-", "-1", "1.5", "99999999999999999999", "+", " ",
            "contains", "tolower", "toupper(", "startswith", "0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10", "2024-01-01",
            "T00:00:00Z", "2024-01-01T00:00:00+02:00", "9999-99-99T99:99:99Z", ";", "$", "@", "/", "\\", "\u00e9",
            "\u0000", "\n");

    static final List<String> EXPAND_PIECES = List.of("roles", "scopes", "(", ")", ",", ";", "$expand=", "$select=",
            "$filter=", "$top=", "top=0", "id", "'", " eq ", "=", "$", "x(", "$bogus=1");

    static String soup(Random random, List<String> pieces, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(maxPieces) + 1;
        for (int i = 0; i < n; i++) {
            text.append(pieces.get(random.nextInt(pieces.size())));
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    @Test
    void randomFiltersEitherTranslateOrAreBadRequests() {
        Random random = new Random(20240101);
        for (int i = 0; i < 20_000; i++) {
            String filter = soup(random, FILTER_PIECES, 12);
            try {
                FilterExpr expr = FilterParser.parse(filter);
                FilterTranslator.toHql(expr, FIELDS, 1);
                FilterTranslator.matches(expr, FIELDS, name -> null);
            } catch (GraphException e) {
                assertEquals(400, e.status(), filter);
            } catch (RuntimeException | StackOverflowError e) {
                fail("$filter=" + filter + " threw " + e, e);
            }
        }
    }

    static final List<String> VALID_FILTERS = List.of(
            "(originSystem eq 'AadGroup' and resource/id eq '0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10')",
            "contains(tolower(displayName),'mark') or not startswith(displayName,'x')",
            "id in ('0282e19d-8a3c-4d7f-9f0e-2b7b6b4b2f10', 46184453-e63b-4f20-86c2-c557ed5d5df9)",
            "createdDateTime ge 2024-01-01T00:00:00.5+02:00 and sequence lt -3 and isHidden eq false",
            "state ne 'Delivered' and displayName eq 'O''Brien' and toupper(displayName) ne null");

    @Test
    void mutatedValidFiltersEitherTranslateOrAreBadRequests() {
        Random random = new Random(99);
        String alphabet = "()',;+-:./ 0aZeq%_\\";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder filter = new StringBuilder(VALID_FILTERS.get(random.nextInt(VALID_FILTERS.size())));
            for (int m = random.nextInt(3) + 1; m > 0; m--) {
                int at = random.nextInt(filter.length());
                switch (random.nextInt(3)) {
                    case 0 -> filter.deleteCharAt(at);
                    case 1 -> filter.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> filter.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                FilterExpr expr = FilterParser.parse(filter.toString());
                FilterTranslator.toHql(expr, FIELDS, 1);
            } catch (GraphException e) {
                assertEquals(400, e.status(), filter.toString());
            } catch (RuntimeException | StackOverflowError e) {
                fail("$filter=" + filter + " threw " + e, e);
            }
        }
    }

    @Test
    void randomExpandsEitherParseOrAreBadRequests() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String expand = soup(random, EXPAND_PIECES, 10);
            try {
                QueryOptions.parse(Map.of("$expand", List.of(expand)));
            } catch (GraphException e) {
                assertEquals(400, e.status(), expand);
            } catch (RuntimeException | StackOverflowError e) {
                fail("$expand=" + expand + " threw " + e, e);
            }
        }
    }

    @Test
    void nullValuesInTheParameterMapAreTolerated() {
        java.util.HashMap<String, List<String>> params = new java.util.HashMap<>();
        params.put("on", null);
        params.put(null, List.of("x"));
        params.put("$count", java.util.Collections.singletonList(null));
        try {
            QueryOptions.parse(params);
            fail("an empty $count is not true or false");
        } catch (GraphException e) {
            assertEquals("Invalid $count: '' must be true or false.", e.getMessage());
        }
    }
}
