package dev.tessera.platform.graph.beta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * How one Graph <b>beta</b> entitlement-management entity set maps onto its v1.0 twin (issue 18; docs/beta.md).
 * Beta is a translation at the edge: a beta request is rewritten to the v1.0 request the services already
 * serve, and the v1.0 answer is rewritten to the beta shape — one model underneath. Each entity set has
 * one CDI bean implementing this; the beta filters find them all.
 */
public interface BetaMapping {

    /** The beta collection segment, e.g. {@code accessPackageAssignments}. */
    String betaSegment();

    /** The v1.0 collection segment it maps to, e.g. {@code assignments}. */
    String v1Segment();

    /**
     * Property paths in {@code $filter}, {@code $orderby}, {@code $select} and {@code $expand}: the beta path
     * (matched case-insensitively, as the beta PowerShell module writes {@code DisplayName} or
     * {@code AccessPackageAssignmentPolicy/Id}) → the v1.0 path. Paths not listed pass unchanged.
     */
    Map<String, String> properties();

    /** A beta request body (POST, PATCH) of this set as the v1.0 endpoint takes it. */
    ObjectNode requestToV1(ObjectNode beta);

    /** A v1.0 entity of this set as beta shows it. */
    ObjectNode entityToBeta(ObjectNode v1);
}
