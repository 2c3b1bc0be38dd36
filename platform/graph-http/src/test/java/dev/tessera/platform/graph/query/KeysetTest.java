package dev.tessera.platform.graph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service's own conditions as HQL with positional parameters. */
class KeysetTest {

    static final FieldMap FIELDS = FieldMap.builder().uuid("id", "id").build();

    @Test
    void ownRowsOrThoseOfTheGivenValues() {
        UUID me = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        Keyset keyset = Keyset.where(Optional.empty(), FIELDS)
                .eqAnyOrIn(List.of("requestorObjectId", "targetObjectId"), me, "accessPackageId", List.of(a));
        assertEquals("1 = 1 and (requestorObjectId = ?1 or targetObjectId = ?1 or accessPackageId in ?2)", keyset.where());
        assertArrayEquals(new Object[] {me, List.of(a)}, keyset.params());
    }

    @Test
    void withoutValuesOnlyTheOwnRows() {
        UUID me = UUID.randomUUID();
        Keyset keyset = Keyset.where(Optional.empty(), FIELDS).eqAnyOrIn(List.of("targetObjectId"), me, "accessPackageId",
                List.of());
        assertEquals("1 = 1 and (targetObjectId = ?1)", keyset.where());
        assertArrayEquals(new Object[] {me}, keyset.params());
    }
}
