package dev.tessera.platform.graph;

import dev.tessera.common.ServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bearer token a service sends when it calls another without a user's token to pass on
 * ({@value ServiceIdentity#TOKEN_PROPERTY}, env {@value ServiceIdentity#TOKEN_ENV}, or a file named
 * by {@value ServiceIdentity#TOKEN_FILE_PROPERTY}, env {@value ServiceIdentity#TOKEN_FILE_ENV}; see
 * {@link ServiceIdentity}). The local stack and the test support mint it; on Kubernetes it is a
 * Secret mounted as a file. The file is read again whenever its modification time changes (the
 * kubelet swaps a mounted Secret's file when the Secret changes), so a renewed token needs no
 * restart; a value given directly is fixed for the life of the process.
 */
@ApplicationScoped
public class ServiceToken {

    @ConfigProperty(name = ServiceIdentity.TOKEN_PROPERTY)
    Optional<String> configured;

    @ConfigProperty(name = ServiceIdentity.TOKEN_FILE_PROPERTY)
    Optional<String> file;

    /** The file's token as last read, with the modification time it was read at. */
    private volatile FromFile lastRead;

    private record FromFile(Path path, FileTime modified, String token) {
    }

    public boolean isConfigured() {
        return token().isPresent();
    }

    /** The {@code Authorization} header value; fails, naming the setting, when none is configured. */
    public String authorization() {
        return "Bearer " + token().orElseThrow(() -> new IllegalStateException("No service token: set "
                + ServiceIdentity.TOKEN_PROPERTY + " (env " + ServiceIdentity.TOKEN_ENV + ") or "
                + ServiceIdentity.TOKEN_FILE_PROPERTY + " (env " + ServiceIdentity.TOKEN_FILE_ENV + ")"));
    }

    private Optional<String> token() {
        Optional<Path> path = file.map(String::strip).filter(f -> !f.isEmpty()).map(Path::of);
        if (path.isPresent()) {
            return Optional.of(read(path.get())).filter(t -> !t.isEmpty());
        }
        return configured.map(ServiceToken::bare).filter(t -> !t.isEmpty());
    }

    /** The file's token, read again only when its modification time (or the path) has changed. */
    private String read(Path path) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            FromFile known = lastRead;
            if (known != null && known.path().equals(path) && known.modified().equals(modified)) {
                return known.token();
            }
            String token = bare(Files.readString(path, StandardCharsets.UTF_8));
            lastRead = new FromFile(path, modified, token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("The service token file " + path + " (" + ServiceIdentity.TOKEN_FILE_PROPERTY
                    + ") cannot be read", e);
        }
    }

    /** A Secret made from a file keeps its final newline, and some paste the header's "Bearer " too. */
    static String bare(String configured) {
        String trimmed = configured.strip();
        return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).strip() : trimmed;
    }
}
