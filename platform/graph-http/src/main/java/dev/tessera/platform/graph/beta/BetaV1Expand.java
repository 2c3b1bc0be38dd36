package dev.tessera.platform.graph.beta;

import java.util.List;

/**
 * Optional companion of a {@link BetaMapping}: navigation properties (v1.0 names) the edge adds to the v1.0
 * request's {@code $expand} whatever the beta request asked, because the beta entity shows a foreign key v1.0
 * only has as a navigation property (beta {@code accessPackageAssignment.accessPackageId} is v1.0
 * {@code assignment.accessPackage.id}). {@link BetaMapping#entityToBeta} reads the keys from the expanded
 * objects. Beta shows these navigation objects too, as the beta module's sample output does.
 */
public interface BetaV1Expand {

    /** v1.0 navigation property names, e.g. {@code accessPackage}. */
    List<String> v1Expand();
}
