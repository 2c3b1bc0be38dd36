package dev.tessera.platform.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Graph JSON rules: enums accepted in any case (docs send {@code "AdminAdd"}, clients send
 * {@code "adminAdd"}) and written exactly as declared; dates as ISO strings; unknown properties
 * such as {@code @odata.type} ignored; date-times read as Graph clients write them ({@link GraphInstants}).
 */
@Singleton
public class JacksonSetup implements ObjectMapperCustomizer {

    /** After Quarkus' own customizer, which registers the Java time module: the last registration wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        mapper.registerModule(new SimpleModule("graph-date-time").addDeserializer(Instant.class, new GraphInstants()));
    }
}
