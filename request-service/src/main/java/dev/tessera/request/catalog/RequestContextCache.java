package dev.tessera.request.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * catalog-service's answers to {@code requestContext} (the package, its policies, resource roles and
 * incompatibilities, with the caller's catalog-role flags), kept for {@code tessera.catalog.context-cache}
 * (default 2 s) per package and caller, at most {@code tessera.catalog.context-cache-size} entries, so a
 * burst of requests for one package costs one call to catalog-service instead of one each.
 *
 * <p>How stale an entry can be:
 * <ul>
 * <li>Every event on {@code tessera.catalog.events} (keyed by access package id: a policy or package
 * deleted, a resource role added or removed) drops that package's entries at once in the replica that
 * consumes it ({@link CatalogEventConsumer}).
 * <li>Everything else — a policy or package edited, an incompatibility added, a caller's catalog role
 * removed — is not an event today, so it is seen after at most the TTL (the bound written in
 * docs/security.md); so is an event consumed by another replica.
 * <li>A deleted package or policy is never granted from a stale entry: the request's write is refused by
 * the database (V6 trigger on {@code deleted_catalog_object}) once the deletion event is consumed, as it
 * was before this cache.
 * </ul>
 * Age is measured with the service clock (InstantSource), so tests move time instead of waiting. Only
 * answers are kept: a failure (catalog-service down, a refusal) is never cached, "no such package" is.
 */
@ApplicationScoped
public class RequestContextCache {

    private record Key(UUID accessPackageId, UUID user) {
    }

    private record Entry(Optional<RequestContext> context, Instant fetchedAt) {
    }

    @Inject
    CatalogService catalog;

    @Inject
    InstantSource clock;

    @ConfigProperty(name = "tessera.catalog.context-cache", defaultValue = "PT2S")
    Duration ttl;

    @ConfigProperty(name = "tessera.catalog.context-cache-size", defaultValue = "10000")
    long maximumSize;

    /** Bumped by every invalidation: an answer fetched before one is not kept (it may predate the change). */
    private final AtomicLong generation = new AtomicLong();

    private Cache<Key, Entry> entries;

    @PostConstruct
    void build() {
        entries = Caffeine.newBuilder().maximumSize(Math.max(1, maximumSize)).build();
    }

    /** The package's context with {@code user}'s catalog-role flags (null: without); empty when there is no such package. */
    public Uni<Optional<RequestContext>> requestContext(UUID accessPackageId, UUID user) {
        if (ttl.isZero() || ttl.isNegative()) {
            return catalog.requestContext(accessPackageId, user);
        }
        Key key = new Key(accessPackageId, user);
        Entry entry = entries.getIfPresent(key);
        Instant now = clock.instant();
        if (entry != null && now.isBefore(entry.fetchedAt().plus(ttl)) && !now.isBefore(entry.fetchedAt())) {
            return Uni.createFrom().item(entry.context());
        }
        long asked = generation.get();
        return catalog.requestContext(accessPackageId, user).invoke(context -> {
            if (generation.get() == asked) {
                entries.put(key, new Entry(context, now));
            }
        });
    }

    /** A catalog event about this package: its entries go (for every caller). */
    public void invalidate(UUID accessPackageId) {
        generation.incrementAndGet();
        entries.asMap().keySet().removeIf(key -> key.accessPackageId().equals(accessPackageId));
    }

    /** Drops everything. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }
}
