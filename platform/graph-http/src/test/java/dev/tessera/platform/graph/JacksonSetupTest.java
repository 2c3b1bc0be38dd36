package dev.tessera.platform.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JacksonSetupTest {

    record Body(Instant startDateTime) {
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
}
