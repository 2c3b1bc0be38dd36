package dev.tessera.catalog.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Validates the configuration parts of a custom workflow extension. Tessera calls the endpoint's
 * {@code url}: it must be https, except http to a loopback address (a receiver on the same machine,
 * as tests and the local stack use).
 */
final class ExtensionRules {

    static final int MAX_TIMEOUT_MS = 60_000;
    static final int MAX_RETRIES = 10;
    static final Duration MAX_CALLBACK = Duration.ofDays(14);

    private static final Set<String> ENDPOINT_FIELDS = Set.of("@odata.type", "subscriptionId", "resourceGroupName",
            "logicAppWorkflowName", "url");
    private static final Set<String> CLIENT_FIELDS = Set.of("@odata.type", "timeoutInMilliseconds", "maximumRetries");
    private static final Set<String> CALLBACK_FIELDS = Set.of("@odata.type", "timeoutDuration");

    private ExtensionRules() {
    }

    static ObjectNode endpoint(JsonNode node) {
        ObjectNode endpoint = object(node, "endpointConfiguration", ENDPOINT_FIELDS);
        if (endpoint == null) {
            throw GraphException.invalidField("endpointConfiguration", "Property 'endpointConfiguration' is required.");
        }
        String type = text(endpoint, "@odata.type");
        if (type != null && !type.toLowerCase(Locale.ROOT).endsWith("logicapptriggerendpointconfiguration")) {
            throw GraphException.invalidField("endpointConfiguration.@odata.type",
                    "Only #microsoft.graph.logicAppTriggerEndpointConfiguration is supported.");
        }
        endpoint.put("@odata.type", "#microsoft.graph.logicAppTriggerEndpointConfiguration");
        for (String field : Set.of("subscriptionId", "resourceGroupName", "logicAppWorkflowName")) {
            JsonNode v = endpoint.get(field);
            if (v != null && !v.isNull() && (!v.isTextual() || v.asText().length() > 256)) {
                throw GraphException.invalidField("endpointConfiguration." + field,
                        "Property 'endpointConfiguration." + field + "' must be a string of at most 256 characters.");
            }
        }
        url(text(endpoint, "url"));
        return endpoint;
    }

    static URI url(String value) {
        String field = "endpointConfiguration.url";
        if (value == null || value.isBlank()) {
            throw GraphException.invalidField(field, "Property '" + field + "' is required: Tessera calls it.");
        }
        if (value.length() > 2048) {
            throw GraphException.invalidField(field, "Property '" + field + "' is longer than 2048 characters.");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw GraphException.invalidField(field, "Property '" + field + "' is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw GraphException.invalidField(field, "Property '" + field + "' must be an absolute URL with a host.");
        }
        if (scheme.equals("https") || scheme.equals("http") && loopback(uri.getHost())) {
            return uri;
        }
        throw GraphException.invalidField(field,
                "Property '" + field + "' must be an https URL (http only to a loopback address).");
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: a name is never resolved here (no DNS lookup on a request).
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static ObjectNode client(JsonNode node) {
        ObjectNode client = object(node, "clientConfiguration", CLIENT_FIELDS);
        if (client == null) {
            return null;
        }
        client.put("@odata.type", "#microsoft.graph.customExtensionClientConfiguration");
        integer(client, "timeoutInMilliseconds", 1, MAX_TIMEOUT_MS);
        integer(client, "maximumRetries", 0, MAX_RETRIES);
        return client;
    }

    static ObjectNode callback(JsonNode node, ExtensionType type) {
        ObjectNode callback = object(node, "callbackConfiguration", CALLBACK_FIELDS);
        if (callback == null) {
            return null;
        }
        if (type != ExtensionType.ACCESS_PACKAGE_ASSIGNMENT_REQUEST_WORKFLOW_EXTENSION) {
            throw GraphException.invalidField("callbackConfiguration",
                    "Only an accessPackageAssignmentRequestWorkflowExtension waits for a callback.");
        }
        callback.put("@odata.type", "#microsoft.graph.customExtensionCallbackConfiguration");
        String value = text(callback, "timeoutDuration");
        if (value == null) {
            throw GraphException.invalidField("callbackConfiguration.timeoutDuration",
                    "Property 'callbackConfiguration.timeoutDuration' is required.");
        }
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw GraphException.invalidField("callbackConfiguration.timeoutDuration",
                    "Property 'callbackConfiguration.timeoutDuration' is not an ISO 8601 duration.");
        }
        if (d.isNegative() || d.isZero() || d.compareTo(MAX_CALLBACK) > 0) {
            throw GraphException.invalidField("callbackConfiguration.timeoutDuration",
                    "Property 'callbackConfiguration.timeoutDuration' must be positive and at most 14 days.");
        }
        return callback;
    }

    static ObjectNode authentication(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || node.toString().length() > 4096) {
            throw GraphException.invalidField("authenticationConfiguration",
                    "Property 'authenticationConfiguration' must be an object of at most 4096 characters.");
        }
        return (ObjectNode) node.deepCopy();
    }

    private static ObjectNode object(JsonNode node, String field, Set<String> known) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw GraphException.invalidField(field, "Property '" + field + "' must be an object.");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name) && !name.startsWith("@odata.")) {
                throw GraphException.invalidField(field + "." + name,
                        "Property '" + name + "' does not exist on " + field + ".");
            }
        });
        return (ObjectNode) node.deepCopy();
    }

    private static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void integer(ObjectNode node, String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw GraphException.invalidField("clientConfiguration." + field,
                    "Property 'clientConfiguration." + field + "' must be a whole number from " + min + " to " + max + ".");
        }
    }
}
