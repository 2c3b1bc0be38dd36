package dev.tessera.platform.graph.beta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The beta edge, request bodies: when the endpoint of a beta request ({@link BetaRequestFilter}) reads its
 * body, the beta JSON object is first rewritten with the entity set's {@link BetaMapping#requestToV1}. A body
 * that is not a JSON object is left as it is, so the v1.0 endpoint answers its own 400.
 */
@Provider
public class BetaBodyInterceptor implements ReaderInterceptor {

    @Inject
    ObjectMapper mapper;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getProperty(BetaRequestFilter.MAPPING) instanceof BetaMapping mapping) {
            byte[] body = context.getInputStream().readAllBytes();
            byte[] rewritten = body;
            try {
                JsonNode tree = mapper.readTree(body);
                if (tree instanceof ObjectNode object) {
                    context.setProperty(BetaRequestFilter.BETA_BODY, object.deepCopy());
                    rewritten = mapper.writeValueAsBytes(mapping.requestToV1(object));
                }
            } catch (IOException e) {
                // not JSON: the v1.0 endpoint reports it
            }
            context.setInputStream(new ByteArrayInputStream(rewritten));
        }
        return context.proceed();
    }
}
