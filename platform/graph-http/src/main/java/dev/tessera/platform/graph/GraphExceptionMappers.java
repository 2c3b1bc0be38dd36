package dev.tessera.platform.graph;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves a service as a Graph error body: client mistakes as 4xx naming the problem,
 * anything unexpected as a 500 {@code generalException} without internals.
 */
public class GraphExceptionMappers {

    private static final Logger LOG = Logger.getLogger(GraphExceptionMappers.class);

    @Inject
    CurrentVertxRequest current;

    private Response error(int status, String code, String message, String target) {
        return GraphErrors.response(current.getCurrent(), status, code, message, target);
    }

    @ServerExceptionMapper
    public Response graph(GraphException e) {
        if (e instanceof Throttle.Throttled throttled) {
            return GraphErrors.response(current.getCurrent(), e.status(), e.code(), e.getMessage(), e.target(),
                    throttled.retryAfterSeconds());
        }
        return error(e.status(), e.code(), e.getMessage(), e.target());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return error(401, "InvalidAuthenticationToken", "Access token is empty or invalid.", null);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return error(401, "InvalidAuthenticationToken", "Access token validation failure.", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "accessDenied", "Insufficient privileges to complete the operation.", null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream().findFirst().orElse(null);
        if (first == null) {
            return error(400, "invalidRequest", "The request is invalid.", null);
        }
        String path = first.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return error(400, "invalidRequest", "Property '" + field + "' " + first.getMessage() + ".", field);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e) {
        return error(400, "BadRequest", "Unable to read JSON request payload: " + e.getOriginalMessage() + ".", null);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        String field = fieldOf(e);
        String message = "Invalid value '" + e.getValue() + "' for property '" + field + "'";
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            message += "; allowed values: " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return error(400, "invalidRequest", message + ".", field);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e) {
        if (e.getCause() instanceof GraphException graph) {
            return graph(graph);
        }
        return error(400, "invalidRequest", "Invalid value for property '" + fieldOf(e) + "'.", fieldOf(e));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldOf(e);
        if (field.isEmpty()) {
            return error(400, "BadRequest", "Empty or malformed request body.", null);
        }
        return error(400, "invalidRequest", "Property '" + field + "' has the wrong type.", field);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e) {
        if (e.getCause() instanceof GraphException graph) {
            return graph(graph);
        }
        return error(400, "invalidRequest", "Invalid value for property '" + fieldOf(e) + "'.", fieldOf(e));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return error(400, "BadRequest", "Unable to read JSON request payload.", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return error(404, "itemNotFound", "Resource not found for the segment.", null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return error(405, "notAllowed", "The HTTP method is not allowed on this resource.", null);
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e) {
        return error(415, "UnsupportedMediaType", "Content-Type must be application/json.", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // The JSON reader reports unreadable bodies as a bare 400 wrapping the parser's exception.
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return jsonParse(parse);
            }
            if (cause instanceof InvalidFormatException format) {
                return invalidFormat(format);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return mismatchedInput(mismatch);
            }
            if (cause instanceof JsonMappingException mapping) {
                return jsonMapping(mapping);
            }
        }
        if (status == 400 && (e.getMessage() == null || e.getMessage().startsWith("HTTP 400"))) {
            return error(400, "BadRequest", "The request body could not be read; send valid JSON with "
                    + "Content-Type: application/json.", null);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return error(status, "generalException", "An error occurred while processing the request.", null);
        }
        String message = e.getMessage() == null ? "The request is invalid." : e.getMessage();
        return error(status, status == 400 ? "BadRequest" : "invalidRequest", message, null);
    }

    /**
     * A peer that is down, slow or overloaded (open circuit breaker, timeout, refused connection,
     * 5xx): 503 with Retry-After, never a 500. Mapped here, once, for every service-to-service call.
     */
    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e) {
        return peerUnavailable(e);
    }

    @ServerExceptionMapper
    public Response processing(ProcessingException e) {
        return peerUnavailable(e);
    }

    @ServerExceptionMapper
    public Response peerAnswer(ClientWebApplicationException e) {
        if (PeerFailures.isPeerUnavailable(e)) {
            return peerUnavailable(e);
        }
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return error(403, "accessDenied", "Insufficient privileges to complete the operation.", null);
        }
        LOG.error("A peer service refused a call", e);
        return error(500, "generalException", "An error occurred while processing the request.", null);
    }

    private Response peerUnavailable(Throwable e) {
        LOG.warnf("A peer service is unavailable: %s", e.toString());
        GraphException unavailable = PeerFailures.unavailable();
        return error(unavailable.status(), unavailable.code(), unavailable.getMessage(), null);
    }

    /** The service's own PostgreSQL is unreachable (see {@link DatabaseFailures}): 503 with Retry-After. */
    private Response databaseUnavailable(Throwable e) {
        LOG.warnf("The database is unavailable: %s", e.toString());
        GraphException unavailable = DatabaseFailures.unavailable();
        return error(unavailable.status(), unavailable.code(), unavailable.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof GraphException graph) {
            return graph(graph);
        }
        if (DatabaseFailures.isDatabaseUnavailable(e)) {
            return databaseUnavailable(e);
        }
        if (PeerFailures.isPeerUnavailable(e)) {
            return peerUnavailable(e);
        }
        LOG.error("Unexpected failure", e);
        return error(500, "generalException", "An error occurred while processing the request.", null);
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
