package dev.tessera.platform.graph.query;

import java.util.List;

/** A parameterised HQL boolean expression with positional parameters {@code ?N}. */
public record HqlFilter(String where, List<Object> params) {
}
