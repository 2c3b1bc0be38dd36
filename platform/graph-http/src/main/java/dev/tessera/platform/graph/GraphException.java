package dev.tessera.platform.graph;

/**
 * A client mistake or refusal, answered with the Graph error body. The one exception type services
 * throw for anything a caller can fix; everything else is a 500 {@code generalException}.
 */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;
    private final String target;

    public GraphException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public GraphException(int status, String code, String message, String target) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.target = target;
    }

    public static GraphException badRequest(String message) {
        return new GraphException(400, "invalidRequest", message);
    }

    public static GraphException badRequest(String code, String message) {
        return new GraphException(400, code, message);
    }

    public static GraphException invalidField(String field, String message) {
        return new GraphException(400, "invalidRequest", message, field);
    }

    public static GraphException notFound(String message) {
        return new GraphException(404, "itemNotFound", message);
    }

    public static GraphException forbidden(String message) {
        return new GraphException(403, "accessDenied", message);
    }

    public static GraphException conflict(String message) {
        return new GraphException(409, "conflict", message);
    }

    public static GraphException conflict(String code, String message) {
        return new GraphException(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String target() {
        return target;
    }
}
