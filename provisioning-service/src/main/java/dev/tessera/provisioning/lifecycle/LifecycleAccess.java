package dev.tessera.provisioning.lifecycle;

import dev.tessera.common.DirectoryRoles;
import dev.tessera.platform.graph.Caller;
import dev.tessera.provisioning.DirectoryAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may read and write lifecycle workflows, as Entra has it: the Lifecycle Workflows Administrator
 * and the Global Administrator write; the Global Reader reads too. App-only callers need
 * LifecycleWorkflows.ReadWrite.All to write, LifecycleWorkflows.Read.All (or ReadWrite) to read.
 * Everyone else: 403, whatever exists.
 */
@ApplicationScoped
public class LifecycleAccess {

    /** Microsoft's template id of the built-in Lifecycle Workflows Administrator role. */
    public static final String LIFECYCLE_WORKFLOWS_ADMINISTRATOR = "59d46f88-662b-457b-bceb-5c3809e5908f";

    static final String APP_READ = "LifecycleWorkflows.Read.All";
    static final String APP_WRITE = "LifecycleWorkflows.ReadWrite.All";

    @Inject
    Caller caller;

    public void requireRead() {
        if (!(mayWrite() || caller.hasDirectoryRole(DirectoryRoles.GLOBAL_READER) || caller.hasAppRole(APP_READ))) {
            throw DirectoryAccess.denied();
        }
    }

    public void requireWrite() {
        if (!mayWrite()) {
            throw DirectoryAccess.denied();
        }
    }

    private boolean mayWrite() {
        return caller.isGlobalAdministrator() || caller.hasDirectoryRole(LIFECYCLE_WORKFLOWS_ADMINISTRATOR)
                || caller.hasAppRole(APP_WRITE);
    }
}
