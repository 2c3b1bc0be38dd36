/**
 * Entitlement-management semantics that catalog-service and request-service both apply: reading an
 * assignment policy (as Graph JSON) and deciding whether a requestor is in its scope.
 */
package dev.tessera.platform.em;
