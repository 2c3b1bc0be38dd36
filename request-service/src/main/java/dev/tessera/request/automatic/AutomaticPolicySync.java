package dev.tessera.request.automatic;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Gives a new or changed auto-assignment policy to the users who already match it (and starts the
 * grace period of holders who no longer do): every {@code tessera.lifecycle.sync-interval} (60 s) the
 * policies are read, and each one whose rules changed since it was last reconciled is claimed in
 * {@code automatic_policy_seen} and reconciled against every known user in the same transaction, so
 * one replica does it once and a crash leaves it to the next round.
 */
@ApplicationScoped
public class AutomaticPolicySync {

    private static final Logger LOG = Logger.getLogger(AutomaticPolicySync.class);

    static final String CLAIM = "insert into automatic_policy_seen (policy_id, fingerprint, reconciled_at) "
            + "values (?1, ?2, ?3) on conflict (policy_id) do update set fingerprint = excluded.fingerprint, "
            + "reconciled_at = excluded.reconciled_at where automatic_policy_seen.fingerprint <> excluded.fingerprint";

    @Inject
    AutomaticPolicies policies;

    @Inject
    AutomaticAssignments assignments;

    @Inject
    InstantSource clock;

    @Scheduled(every = "${tessera.lifecycle.sync-interval:60s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sync().onFailure().invoke(e -> LOG.warnf("Automatic policy sync failed, next round retries: %s",
                e.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reconciles the policies that are new or changed; answers how many. */
    public Uni<Integer> sync() {
        return policies.fresh().chain(current -> {
            AtomicInteger reconciled = new AtomicInteger();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (AutomaticPolicy policy : current) {
                chain = chain.chain(() -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM)
                                .setParameter(1, policy.policyId())
                                .setParameter(2, policy.fingerprint())
                                .setParameter(3, clock.instant().atOffset(ZoneOffset.UTC))
                                .executeUpdate())
                        .chain(claimed -> {
                            if (claimed == 0) {
                                return Uni.createFrom().voidItem();
                            }
                            reconciled.incrementAndGet();
                            LOG.infof("Reconciling automatic policy %s", policy.policyId());
                            return assignments.reconcile(policy);
                        })));
            }
            return chain.map(v -> reconciled.get());
        });
    }
}
