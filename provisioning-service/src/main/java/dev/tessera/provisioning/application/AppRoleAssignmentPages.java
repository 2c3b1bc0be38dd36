package dev.tessera.provisioning.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.platform.graph.GraphJson;
import dev.tessera.platform.graph.query.Page;
import dev.tessera.platform.graph.query.QueryOptions;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** One page of appRoleAssignments as Graph writes it, for every list of them. */
final class AppRoleAssignmentPages {

    private AppRoleAssignmentPages() {
    }

    static ObjectNode collection(GraphJson json, UriInfo uri, String entitySet, List<AppRoleAssignmentView> rows,
            QueryOptions options) {
        Page<AppRoleAssignmentView> page = Page.of(rows, options.top(), row -> row.assignment().id.toString());
        return json.collection(uri, entitySet, page.map(AppRoleAssignmentJson::of).items(), page.nextSkipToken(),
                options.select(), null);
    }
}
