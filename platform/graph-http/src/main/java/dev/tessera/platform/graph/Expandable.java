package dev.tessera.platform.graph;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The navigation properties a Graph read serves in {@code $expand}, compared case-insensitively. A
 * method without it expands nothing: {@link ExpandFilter} refuses any {@code $expand} there, and an
 * unknown name everywhere, with a 400 naming it (Graph refuses them; Tessera used to ignore them).
 * Nested items are checked by the code that serves them.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Expandable {

    /** The Graph type, for the message, e.g. {@code accessPackage}. */
    String type();

    /** Its navigation properties that may be expanded. */
    String[] value();
}
