package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JacksonSetupTest {

    record Body(Instant startDateTime) {
    }

    enum Kind { adminAdd, userAdd }

    record Choice(String actualValue, String text) {
    }

    record Strict(String displayName, Boolean isEnabled, Integer sequence, Kind kind, List<Choice> choices,
            JsonNode rules) {
    }

    private static Strict strict(String json) throws Exception {
        return mapper().readValue(json, Strict.class);
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
    }

    /** As Quarkus builds it: the Java time module first, then the customizers. */
    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new JacksonSetup().customize(mapper);
        return mapper;
    }

    private static Instant read(String json) throws Exception {
        return mapper().readValue(json, Body.class).startDateTime();
    }

    @Test
    void dateTimesAreReadInEveryFormGraphClientsSend() throws Exception {
        Instant midnight = Instant.parse("2024-01-01T00:00:00Z");
        assertEquals(midnight, read("{\"startDateTime\":\"2024-01-01T00:00Z\"}"), "the Java SDK omits zero seconds");
        assertEquals(midnight, read("{\"startDateTime\":\"2024-01-01T00:00:00Z\"}"));
        assertEquals(midnight, read("{\"startDateTime\":\"2024-01-01T01:00:00+01:00\"}"));
        assertEquals(midnight, read("{\"startDateTime\":\"2024-01-01T00:00:00\"}"), "no offset is UTC");
        assertEquals(Instant.parse("2022-04-11T11:50:05.9999343Z"),
                read("{\"startDateTime\":\"2022-04-11T11:50:05.9999343Z\"}"), "Graph's seven fraction digits");
        assertNull(read("{\"startDateTime\":null}"));
    }

    @Test
    void aDateTimeThatIsNotOneIsAFormatErrorNamingTheValue() {
        InvalidFormatException e = assertThrows(InvalidFormatException.class,
                () -> read("{\"startDateTime\":\"tomorrow\"}"));
        assertEquals("tomorrow", e.getValue());
    }

    @Test
    void dateTimesAreWrittenAsIsoStrings() throws Exception {
        assertEquals("{\"startDateTime\":\"2024-01-01T00:00:00Z\"}",
                mapper().writeValueAsString(new Body(Instant.parse("2024-01-01T00:00:00Z"))));
    }

    @Test
    void wellTypedBodiesAreRead() throws Exception {
        Strict body = strict("{\"displayName\":\"a\\tb\\r\\nc\",\"isEnabled\":true,\"sequence\":2,"
                + "\"kind\":\"AdminAdd\",\"choices\":[{\"actualValue\":\"x\"}],\"rules\":{\"a\":[1,\"b\"]}}");
        assertEquals("a\tb\r\nc", body.displayName(), "tab, CR and LF are text");
        assertEquals(Kind.adminAdd, body.kind());
        assertEquals(2, body.sequence());
        assertEquals(null, strict("{\"displayName\":null,\"rules\":null}").displayName());
    }

    @Test
    void oneDocumentAndNothingAfterIt() {
        assertThrows(MismatchedInputException.class, () -> strict("{\"displayName\":\"a\"}{\"displayName\":\"b\"}"));
        assertThrows(JsonProcessingException.class, () -> strict("{\"displayName\":\"a\"} garbage"));
        assertThrows(MismatchedInputException.class, () -> strict("{\"displayName\":\"a\"} 5"));
    }

    @Test
    void scalarsAreNotCoerced() {
        for (String json : List.of("{\"displayName\":5}", "{\"displayName\":true}", "{\"displayName\":1.5}",
                "{\"displayName\":{}}", "{\"isEnabled\":\"true\"}", "{\"isEnabled\":1}", "{\"sequence\":\"5\"}",
                "{\"sequence\":1.5}", "{\"sequence\":true}", "{\"choices\":[{\"actualValue\":7}]}")) {
            JsonMappingException e = assertThrows(JsonMappingException.class, () -> strict(json), json);
            assertTrue(!fieldOf(e).isEmpty(), json + " names its property");
        }
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsKept() throws Exception {
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> strict("{\"displayName\":\"a\\ud800b\"}"));
        assertEquals("displayName", ((GraphException) e.getCause()).target());
        e = assertThrows(JsonMappingException.class, () -> strict("{\"displayName\":\"\\udfff\"}"));
        assertEquals("displayName", ((GraphException) e.getCause()).target());
        e = assertThrows(JsonMappingException.class, () -> mapper().readTree("{\"a\":[\"\\ud83d\"]}"));
        assertEquals("a[0]", ((GraphException) e.getCause()).target());
        assertEquals("x\ud83d\ude00", mapper().readTree("{\"a\":\"x\\ud83d\\ude00\"}").get("a").textValue(),
                "a surrogate pair (an emoji) is text");
    }

    @Test
    void enumsAreNamedNeverNumbered() {
        assertThrows(JsonMappingException.class, () -> strict("{\"kind\":0}"));
        assertThrows(JsonMappingException.class, () -> strict("{\"kind\":\"0\"}"));
    }

    @Test
    void controlCharactersInAnyStringAreRefusedNamingTheProperty() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> strict("{\"choices\":[{\"actualValue\":\"ok\"},{\"actualValue\":\"a\\u0000b\"}]}"));
        GraphException graph = assertInstanceOf(GraphException.class, e.getCause());
        assertEquals("choices[1].actualValue", graph.target());
        assertTrue(graph.getMessage().startsWith("Property 'choices[1].actualValue' contains a control character"));
        e = assertThrows(JsonMappingException.class, () -> strict("{\"displayName\":\"\\u0007\"}"));
        assertEquals("displayName", ((GraphException) e.getCause()).target());
        e = assertThrows(JsonMappingException.class, () -> strict("{\"rules\":{\"a\":[\"x\",\"\\u0000\"]}}"));
        assertEquals("rules.a[1]", ((GraphException) e.getCause()).target(), "free-form JSON is checked too");
        e = assertThrows(JsonMappingException.class, () -> mapper().readTree("{\"a\":{\"b\":\"\\b\"}}"));
        assertEquals("a.b", ((GraphException) e.getCause()).target());
    }

    @Test
    void datesOutsideYearsOneTo9999AreRefused() throws Exception {
        assertThrows(InvalidFormatException.class, () -> read("{\"startDateTime\":\"0000-01-01T00:00:00Z\"}"));
        assertThrows(InvalidFormatException.class, () -> read("{\"startDateTime\":\"+10000-01-01T00:00:00Z\"}"));
        assertThrows(InvalidFormatException.class, () -> read("{\"startDateTime\":\"10000-01-01T00:00:00Z\"}"));
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), read("{\"startDateTime\":\"9999-12-31T23:59:59Z\"}"));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), read("{\"startDateTime\":\"0001-01-01T00:00:00Z\"}"));
    }
}
