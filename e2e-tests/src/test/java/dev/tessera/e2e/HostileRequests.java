package dev.tessera.e2e;

import dev.tessera.e2e.AuthorizationMatrix.Row;
import dev.tessera.e2e.HostileJson.Property;
import dev.tessera.e2e.HostileJson.Raw;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the hostile requests of {@link HostileInputIT} from the services' OpenAPI operations,
 * deterministically from one seed: the same seed, endpoints and fixtures give the same requests.
 * Every request is built to be refused (or, for reads, answered harmlessly): write endpoints with
 * real ids get a body with a defect, DELETE endpoints only bad ids.
 */
final class HostileRequests {

    static final List<String> CATEGORIES = List.of("malformed-json", "wrong-type", "long-and-control", "bad-id",
            "odata", "header", "method-confusion", "semantic-extreme");

    /** One OpenAPI operation with what the generator needs of it. */
    record Operation(String service, String method, String template, Map<String, Object> bodySchema,
            Set<String> pathMethods) {

        boolean hasParameters() {
            return template.contains("{");
        }
    }

    /**
     * One request: encoded target (path and query), headers, body bytes (null: none), and whose token.
     * {@code mayBeValid}: a write the generator cannot know to be wrong, which a service may accept —
     * {@code null} for a property (the OpenAPI documents do not say which are required; Graph takes
     * null for an optional one) or a semantic extreme (a date, duration, number or array length that
     * may lie within the documented limits). Every other write must be refused.
     */
    record Hostile(String category, String method, String target, Map<String, String> headers, byte[] body,
            boolean member, String template, boolean mayBeValid) {

        Hostile(String category, String method, String target, Map<String, String> headers, byte[] body,
                boolean member, String template) {
            this(category, method, target, headers, body, member, template, false);
        }
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> NOT_IDS = Set.of("ref", "relationship", "sponsors", "rules");

    private final Random random;
    private final List<Operation> operations;
    private final MatrixFixtures fixtures;
    private final Map<String, HostileJson> json = new LinkedHashMap<>();
    /** During the first pass: the operation every pick returns (or null when it does not fit). */
    private Operation forced;

    /** {@code components}: each service's OpenAPI {@code components.schemas}, by service. */
    HostileRequests(long seed, List<Operation> operations, MatrixFixtures fixtures,
            Map<String, Map<String, Object>> components) {
        this.random = new Random(seed);
        this.operations = operations;
        this.fixtures = fixtures;
        components.forEach((service, schemas) -> json.put(service, new HostileJson(schemas, random)));
    }

    private HostileJson json(Operation op) {
        return json.get(op.service());
    }

    /**
     * {@code count} requests: first one pass over every operation (each gets a request of the first
     * category, from a rotating start, that fits it; method confusion last, as it does not call the
     * operation itself), then random operations and categories in turn.
     */
    List<Hostile> generate(int count) {
        List<Hostile> out = new ArrayList<>(Math.max(count, operations.size()));
        for (int i = 0; i < operations.size(); i++) {
            forced = operations.get(i);
            Hostile hostile = null;
            // method confusion sends another method than the operation's: only when nothing else fits
            for (int c = 0; hostile == null && c < CATEGORIES.size() * 5; c++) {
                String category = CATEGORIES.get((i + c) % CATEGORIES.size());
                hostile = category.equals("method-confusion") ? null : generate(category);
            }
            if (hostile == null) {
                hostile = generate("method-confusion");
            }
            forced = null;
            if (hostile == null) {
                throw new IllegalStateException("No hostile request fits " + operations.get(i).method() + " "
                        + operations.get(i).template());
            }
            out.add(hostile);
        }
        for (int i = out.size(); i < count; i++) {
            String category = CATEGORIES.get(i % CATEGORIES.size());
            Hostile hostile = null;
            for (int attempt = 0; hostile == null && attempt < 50; attempt++) {
                hostile = generate(category);
            }
            if (hostile == null) {
                throw new IllegalStateException("No endpoint fits category " + category);
            }
            out.add(hostile);
        }
        return out;
    }

    private Hostile generate(String category) {
        boolean member = random.nextInt(5) == 0;
        return switch (category) {
            case "malformed-json" -> malformedJson(member);
            case "wrong-type" -> wrongType(member);
            case "long-and-control" -> longAndControl(member);
            case "bad-id" -> badId(member);
            case "odata" -> odata(member);
            case "header" -> header(member);
            case "method-confusion" -> methodConfusion(member);
            case "semantic-extreme" -> semanticExtreme(member);
            default -> throw new IllegalArgumentException(category);
        };
    }

    // ---- categories ----

    private Hostile malformedJson(boolean member) {
        Operation op = pick(o -> o.bodySchema() != null);
        if (op == null) {
            return null;
        }
        String valid = HostileJson.write(json(op).valid(op.bodySchema(), 2));
        String body = switch (random.nextInt(14)) {
            case 0 -> valid.substring(0, 1 + random.nextInt(Math.max(1, valid.length() - 1)));
            case 1 -> valid + valid;
            case 2 -> valid + " garbage";
            case 3 -> valid + "}";
            case 4 -> valid + ",{";
            case 5 -> "";
            case 6 -> "<xml/>";
            case 7 -> "{'displayName':'single quotes'}";
            case 8 -> "{\"displayName\":}";
            case 9 -> "[".repeat(5000) + "]".repeat(5000);
            case 10 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 11 -> "{\"displayName\":NaN}";
            case 12 -> "\uFEFF" + valid + "\u0000";
            default -> "{\"displayName\":\"unterminated";
        };
        byte[] bytes = random.nextInt(10) == 0 ? new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}
                : body.getBytes(StandardCharsets.UTF_8);
        return new Hostile("malformed-json", op.method(), path(op), jsonHeaders(), bytes, member, op.template());
    }

    private Hostile wrongType(boolean member) {
        Operation op = pick(o -> o.bodySchema() != null);
        if (op == null) {
            return null;
        }
        Object body = json(op).valid(op.bodySchema(), 2);
        List<Property> properties = json(op).properties(op.bodySchema(), 2);
        if (properties.isEmpty() || random.nextInt(8) == 0 || !(body instanceof Map<?, ?>)) {
            Object whole = switch (random.nextInt(5)) {
                case 0 -> List.of(body);
                case 1 -> "a string";
                case 2 -> 42;
                case 3 -> true;
                default -> null;
            };
            return write("wrong-type", op, HostileJson.write(whole), member);
        }
        Property p = properties.get(random.nextInt(properties.size()));
        Object wrong = wrongValueFor(p);
        HostileJson.set(body, p.path(), wrong);
        Hostile hostile = write("wrong-type", op, HostileJson.write(body), member);
        return wrong == null ? mayBeValid(hostile) : hostile;
    }

    /** A value of another type than the property's (or null, Graph's "required" test). */
    private Object wrongValueFor(Property p) {
        if (random.nextInt(6) == 0) {
            return null;
        }
        return switch (p.type()) {
            case "string" -> pickOf(42, true, List.of("a"), Map.of("a", "b"), 1.5, new Raw("1e400"));
            case "boolean" -> pickOf("true", 1, "yes", Map.of(), List.of(true), 0);
            case "integer" -> pickOf("5", true, 1.5, new Raw("1e400"), Map.of(), List.of(1), new Raw("99999999999999999999999"));
            case "number" -> pickOf("5", true, Map.of(), List.of(1), new Raw("1e99999"));
            case "array" -> pickOf(Map.of("a", 1), "x", 5, true, List.of(List.of(List.of())), List.of(7, "x", true));
            case "object" -> pickOf("x", 5, List.of(), true, List.of(Map.of()));
            default -> pickOf(42, "x", true, List.of(), Map.of());
        };
    }

    private Hostile longAndControl(boolean member) {
        int where = random.nextInt(4);
        if (where == 0) {
            Operation op = pick(o -> o.bodySchema() != null);
            if (op == null) {
                return null;
            }
            Object body = json(op).valid(op.bodySchema(), 2);
            List<Property> strings = json(op).properties(op.bodySchema(), 2).stream()
                    .filter(p -> p.type().equals("string") && !p.schema().containsKey("enum")).toList();
            if (strings.isEmpty() || !(body instanceof Map<?, ?>)) {
                return null;
            }
            List<Property> limited = strings.stream()
                    .filter(p -> Set.of("displayName", "description").contains(p.name())).toList();
            if (!limited.isEmpty() && random.nextBoolean()) {
                Property p = limited.get(random.nextInt(limited.size()));
                HostileJson.set(body, p.path(), "x".repeat(p.name().equals("description") ? 1025 + random.nextInt(20000)
                        : 257 + random.nextInt(20000)));
            } else {
                Property p = strings.get(random.nextInt(strings.size()));
                HostileJson.set(body, p.path(), controlString());
            }
            return write("long-and-control", op, HostileJson.write(body), member);
        }
        if (where == 1) {
            Operation op = pick(Operation::hasParameters);
            if (op == null) {
                return null;
            }
            String value = random.nextBoolean() ? pickOf("%00", "a%00b", "%01", "%1B%5B31m", "%7F", "%C3%28",
                    "%ED%A0%80", "%E2%80%AE") : encode("x".repeat(pickOf(300, 2000, 7000, 9000)));
            return badPath("long-and-control", op, value, member);
        }
        Operation op = pick(o -> o.method().equals("GET"));
        if (op == null) {
            return null;
        }
        String query;
        if (where == 2) {
            String literal = random.nextBoolean() ? controlString() : "x".repeat(pickOf(300, 3000, 7000));
            String property = pickOf("displayName", "id", "state", "userPrincipalName", "principalId");
            query = "$filter=" + encode(property + " eq '" + literal + "'");
        } else {
            String token = switch (random.nextInt(4)) {
                case 0 -> "%00";
                case 1 -> encode(Base64.getUrlEncoder().encodeToString(controlString().getBytes(StandardCharsets.UTF_8)));
                case 2 -> encode(Base64.getUrlEncoder().encodeToString(("{\"k\":\"" + "x".repeat(5000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
                default -> "x".repeat(pickOf(100, 7000));
            };
            query = "$skiptoken=" + token;
        }
        return new Hostile("long-and-control", "GET", path(op) + "?" + query, acceptJson(), null, member,
                op.template());
    }

    private String controlString() {
        String c = pickOf("\u0000", "\u0001", "\u0007", "\u001b[31m", "\u001f", "\ud800", "\udfff");
        return "a" + c + "b";
    }

    private Hostile badId(boolean member) {
        Operation op = pick(Operation::hasParameters);
        if (op == null) {
            return null;
        }
        String value = pickOf("not-a-guid", "0", "-1", "00000000-0000-0000-0000-000000000000",
                UUID.randomUUID().toString(), "%7B" + UUID.randomUUID() + "%7D", "%00", encode("'; drop table catalog;--"),
                "%25", encode("ünïcödé"), "..", "%2F", "%2E%2E%2F%2E%2E", UUID.randomUUID().toString().toUpperCase(),
                UUID.randomUUID() + "_" + UUID.randomUUID(), "9".repeat(400), encode(" "), "%20%20",
                encode("id eq 1"), "null", "true", "%5B%5D", "%7B%7D");
        return badPath("bad-id", op, value, member);
    }

    private Hostile odata(boolean member) {
        Operation op = pick(o -> o.method().equals("GET"));
        if (op == null) {
            return null;
        }
        String query = switch (random.nextInt(8)) {
            case 0 -> "$expand=" + encode(pickOf("unknownNavigation", "*", "catalog,catalog,catalog", "assignment($select=)",
                    "a/b/c/d", "accessPackage($expand=catalog($expand=accessPackages($expand=catalog)))", deepExpand(50),
                    deepExpand(5), "resource($filter=eq)", ""));
            case 1 -> "$filter=" + encode(pickOf("eq eq", "displayName eq", "(((((", "startswith(", "1 eq 1",
                    "displayName eq 'unterminated", "not", "contains(displayName,'x'", "displayName eq 'a' or "
                            .repeat(500) + "true", "id in ()", "displayName/any(x:x eq 1)", "$it eq 1",
                    "createdDateTime gt 10000-01-01T00:00:00Z", "createdDateTime gt 0000-01-01T00:00:00Z",
                    "scopeId eq '/' and scopeType eq 'Nope'", "displayName eq null", "id eq 5"));
            case 2 -> "$top=" + encode(pickOf("-1", "0", "99999999999", "abc", "1.5", "", "2147483648", "-2147483649"));
            case 3 -> "$skip=" + encode(pickOf("-1", "abc", "99999999999", "1e9"));
            case 4 -> "$skiptoken=" + encode(pickOf("garbage", "!!!", "eyJ9", "e30", "AAAA", "%", "null",
                    Base64.getUrlEncoder().encodeToString("{\"after\":\"x\"}".getBytes(StandardCharsets.UTF_8))));
            case 5 -> "$orderby=" + encode(pickOf("nonsense", "displayName sideways", "id asc,".repeat(60) + "id",
                    "displayName desc desc", "", "1", "createdDateTime/foo"));
            case 6 -> "$select=" + encode(pickOf("unknown", "id,,", "*,id", "a".repeat(500))) + "&$count="
                    + encode(pickOf("maybe", "true", "1"));
            default -> pickOf("$top=1&$top=2", "$foo=bar", "$search=" + encode("\"x\""), "$format=xml",
                    "$filter=" + encode("displayName eq 'a'") + "&$filter=" + encode("id eq 'b'"), "$apply=groupby(x)");
        };
        return new Hostile("odata", "GET", path(op) + "?" + query, acceptJson(), null, member, op.template());
    }

    private static String deepExpand(int depth) {
        StringBuilder s = new StringBuilder("catalog");
        for (int i = 0; i < depth; i++) {
            s.append("($expand=catalog");
        }
        s.append(")".repeat(depth));
        return s.toString();
    }

    private Hostile header(boolean member) {
        boolean write = random.nextBoolean();
        Operation op = write ? pick(o -> o.bodySchema() != null) : pick(o -> o.method().equals("GET"));
        if (op == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        if (write) {
            body = wrongTypedBody(op).getBytes(StandardCharsets.UTF_8);
            switch (random.nextInt(6)) {
                case 0 -> { } // no Content-Type at all
                case 1 -> headers.put("Content-Type", pickOf("text/plain", "application/xml", "multipart/form-data",
                        "application/x-www-form-urlencoded", "garbage", "application/json; charset=ebcdic"));
                case 2 -> {
                    headers.put("Content-Type", "application/json");
                    headers.put("Content-Encoding", pickOf("gzip", "br", "deflate", "identity, gzip", "x-unknown"));
                }
                case 3 -> {
                    headers.put("Content-Type", "application/json");
                    headers.put("X-Pad", "x".repeat(pickOf(9000, 17000, 30000)));
                }
                case 4 -> {
                    headers.put("Content-Type", "application/json");
                    body = ("{\"displayName\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
                }
                default -> {
                    headers.put("Content-Type", "application/json");
                    headers.put("Accept", pickOf("garbage", "application/xml", "text/html", "*/*;q=2", "application/json;q=abc"));
                }
            }
        } else {
            switch (random.nextInt(4)) {
                case 0 -> headers.put("Accept", pickOf("garbage", "application/xml", "text/html", "*/*;q=2",
                        "application/json;q=abc", "application/", ";;;", "application/json;odata.metadata=full;q=-1"));
                case 1 -> headers.put("X-Pad", "x".repeat(pickOf(9000, 17000, 30000)));
                case 2 -> {
                    for (int i = 0; i < 200; i++) {
                        headers.put("X-Many-" + i, "y".repeat(100));
                    }
                }
                default -> headers.put(pickOf("Prefer", "ConsistencyLevel", "If-Match", "If-None-Match", "Range"),
                        pickOf("odata.maxpagesize=-1", "garbage", "\"*\"", "bytes=-5", "odata.maxpagesize=99999999999"));
            }
        }
        return new Hostile("header", op.method(), path(op), headers, body, member, op.template());
    }

    private Hostile methodConfusion(boolean member) {
        Operation op = pick(o -> o.pathMethods().size() < 5);
        if (op == null) {
            return null;
        }
        List<String> missing = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        missing.removeAll(op.pathMethods());
        if (missing.isEmpty()) {
            return null;
        }
        String method = missing.get(random.nextInt(missing.size()));
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
        return new Hostile("method-confusion", method, path(op), hasBody ? jsonHeaders() : acceptJson(),
                hasBody ? "{}".getBytes(StandardCharsets.UTF_8) : null, member, op.template());
    }

    private Hostile semanticExtreme(boolean member) {
        if (forced == null && random.nextInt(6) == 0) {
            Operation policies = operations.stream().filter(o -> o.method().equals("POST")
                    && o.template().endsWith("/entitlementManagement/assignmentPolicies")).findFirst().orElse(null);
            if (policies != null) {
                return write("semantic-extreme", policies, manyQuestions(), member);
            }
        }
        Operation op = pick(o -> o.bodySchema() != null);
        if (op == null) {
            return null;
        }
        Object body = json(op).valid(op.bodySchema(), 3);
        List<Property> properties = json(op).properties(op.bodySchema(), 3);
        List<Property> extremes = properties.stream().filter(p -> p.format().equals("date-time")
                || p.name().endsWith("DateTime") || p.name().toLowerCase().contains("duration")
                || p.type().equals("integer") || p.type().equals("array")).toList();
        if (extremes.isEmpty() || !(body instanceof Map<?, ?>)) {
            return null;
        }
        Property p = extremes.get(random.nextInt(extremes.size()));
        Object value;
        if (p.type().equals("integer")) {
            value = pickOf(2147483648L, -1, -2147483649L, 0);
        } else if (p.type().equals("array")) {
            List<Object> many = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                many.add(Map.of("id", UUID.randomUUID().toString()));
            }
            value = many;
        } else if (p.name().toLowerCase().contains("duration")) {
            value = pickOf("P99999Y", "PT99999999999H", "-P1D", "P0D", "P", "PT", "P1Y2M3W4DT5H6M7.8S" + "9".repeat(50));
        } else {
            value = pickOf("0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                    "-0001-01-01T00:00:00Z", "2020-02-30T00:00:00Z", "9999-12-31T23:59:60Z", "0001-01-01T00:00:00-14:00",
                    "2030-01-01T00:00:00+25:00");
        }
        HostileJson.set(body, p.path(), value);
        return mayBeValid(write("semantic-extreme", op, HostileJson.write(body), member));
    }

    private String manyQuestions() {
        List<Object> questions = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            questions.add(Map.of("@odata.type", "#microsoft.graph.accessPackageTextInputQuestion", "sequence", i,
                    "isRequired", false, "isAnswerEditable", true, "isSingleLineQuestion", true,
                    "text", "Question " + i));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", "hostile 5000 questions");
        body.put("description", "hostile");
        body.put("accessPackage", Map.of("id", fixtures.id("package")));
        body.put("allowedTargetScope", "allMemberUsers");
        body.put("questions", questions);
        return HostileJson.write(body);
    }

    // ---- helpers ----

    /** A body of the operation's shape whose first typed property has the wrong type: always refused. */
    private String wrongTypedBody(Operation op) {
        Object body = json(op).valid(op.bodySchema(), 1);
        List<Property> properties = json(op).properties(op.bodySchema(), 0);
        if (properties.isEmpty() || !(body instanceof Map<?, ?>)) {
            return "[1,2,3]";
        }
        Property p = properties.get(random.nextInt(properties.size()));
        HostileJson.set(body, p.path(), switch (p.type()) {
            case "string" -> 42;
            case "boolean" -> "yes";
            case "integer", "number" -> "five";
            default -> 7;
        });
        return HostileJson.write(body);
    }

    private static Hostile mayBeValid(Hostile h) {
        return new Hostile(h.category(), h.method(), h.target(), h.headers(), h.body(), h.member(), h.template(), true);
    }

    private Hostile write(String category, Operation op, String body, boolean member) {
        return new Hostile(category, op.method(), path(op), jsonHeaders(), body.getBytes(StandardCharsets.UTF_8), member,
                op.template());
    }

    /** The operation's path with one id parameter replaced by {@code value} (already encoded). */
    private Hostile badPath(String category, Operation op, String value, boolean member) {
        Matcher m = PARAM.matcher(op.template());
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            if (!NOT_IDS.contains(m.group(1))) {
                ids.add(m.group(1));
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        String chosen = ids.get(random.nextInt(ids.size()));
        String concrete = concrete(op, chosen, value);
        byte[] body = op.bodySchema() != null ? wrongTypedBody(op).getBytes(StandardCharsets.UTF_8)
                : Set.of("POST", "PUT", "PATCH").contains(op.method()) ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        return new Hostile(category, op.method(), concrete, body == null ? acceptJson() : jsonHeaders(), body, member,
                op.template());
    }

    private String path(Operation op) {
        return concrete(op, null, null);
    }

    private String concrete(Operation op, String replaced, String value) {
        String real = AuthorizationMatrixIT.concrete(new Row(op.method(), op.template(), Map.of()), fixtures);
        if (replaced == null) {
            return real;
        }
        // the same walk as concrete(), replacing only the chosen parameter
        String[] template = op.template().split("/");
        String[] filled = real.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < template.length; i++) {
            out.append('/').append(template[i].equals("{" + replaced + "}") ? value : filled[i]);
        }
        return out.toString();
    }

    private Operation pick(Predicate<Operation> filter) {
        if (forced != null) {
            return filter.test(forced) ? forced : null;
        }
        List<Operation> fitting = operations.stream().filter(filter).toList();
        return fitting.isEmpty() ? null : fitting.get(random.nextInt(fitting.size()));
    }

    @SafeVarargs
    private <T> T pickOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        return headers;
    }

    private static Map<String, String> acceptJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        return headers;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
