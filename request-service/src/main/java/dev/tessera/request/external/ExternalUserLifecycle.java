package dev.tessera.request.external;

import dev.tessera.platform.messaging.timer.DueTimer;
import dev.tessera.platform.messaging.timer.DurableTimers;
import dev.tessera.platform.messaging.timer.TimerHandler;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.policy.Schedule;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.request.RequestType;
import dev.tessera.request.subject.Subject;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Entitlement management's external-user lifecycle ({@code entitlementManagement/settings}): when an
 * external user brought into the directory by entitlement management (a guest whose object id is an
 * accessPackageSubject's) loses their last access-package assignment, they are, as the settings say, left
 * alone ({@code none}), blocked from sign-in ({@code blockSignIn}), or blocked and deleted after
 * {@code durationUntilExternalUserDeletedAfterBlocked} ({@code blockSignInAndDelete}); a new assignment
 * before the deletion unblocks them and cancels it.
 *
 * <p>Every change that may be a user's last assignment ending (a removal, an expiry, an automatic
 * removal) schedules a durable timer due at once for the user, in its own transaction; so does a grant to a
 * user this lifecycle blocked. The timer looks at the user's assignments as they are then, reads the
 * settings from catalog-service and asks provisioning-service to block, unblock or delete: a peer that is
 * away holds the timer until it is back, a stopped service fires it when it starts. Acting again changes
 * nothing (the user's row here records what was done).
 */
@ApplicationScoped
public class ExternalUserLifecycle implements TimerHandler {

    public static final String KIND = "request.externalUserLifecycle";

    static final List<RequestState> REMOVAL_IN_FLIGHT = List.of(RequestState.submitted, RequestState.delivering);
    static final List<RequestType> REMOVALS = List.of(RequestType.adminRemove, RequestType.userRemove,
            RequestType.systemRemove);

    private static final Logger LOG = Logger.getLogger(ExternalUserLifecycle.class);

    @Inject
    DurableTimers timers;

    @Inject
    InstantSource clock;

    @Inject
    @RestClient
    SettingsClient settings;

    @Inject
    @RestClient
    ExternalUsersClient users;

    /** Inside the transaction of a removal or an expiry: the user may have lost their last assignment. */
    public Uni<Void> assignmentEnding(UUID user) {
        return user == null ? Uni.createFrom().voidItem()
                : timers.schedule(KIND, user.toString(), clock.instant(), null);
    }

    /** Inside the transaction of a grant: a user this lifecycle blocked is looked at again (and unblocked). */
    public Uni<Void> assignmentGranted(UUID user) {
        if (user == null) {
            return Uni.createFrom().voidItem();
        }
        return ExternalUserState.<ExternalUserState>findById(user).chain(state -> state == null
                || !ExternalUserState.BLOCKED.equals(state.state) ? Uni.createFrom().voidItem()
                : timers.schedule(KIND, user.toString(), clock.instant(), null));
    }

    /** {@link #assignmentGranted} for a chunk of bulk grants: one query for the users this lifecycle blocked. */
    public Uni<Void> assignmentsGranted(List<UUID> granted) {
        if (granted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ExternalUserState.<ExternalUserState>list("objectId in ?1 and state = ?2", granted, ExternalUserState.BLOCKED)
                .chain(blocked -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ExternalUserState state : blocked) {
                        chain = chain.chain(() -> timers.schedule(KIND, state.objectId.toString(), clock.instant(), null));
                    }
                    return chain;
                });
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Void> fire(DueTimer timer) {
        UUID user = UUID.fromString(timer.key());
        return remaining(user).chain(remaining -> ExternalUserState.<ExternalUserState>findById(user).chain(state -> {
            if (remaining > 0) {
                return state != null && ExternalUserState.BLOCKED.equals(state.state) ? unblock(state)
                        : Uni.createFrom().voidItem();
            }
            if (state != null) {
                return Uni.createFrom().voidItem(); // acted on already
            }
            return Subject.count("objectId", user).chain(subjects -> subjects == 0
                    ? Uni.createFrom().voidItem() // not brought in by entitlement management: left alone
                    : held(settings.get()).chain(current -> act(user, current)));
        }));
    }

    /**
     * The user's assignments that have not ended and are not being removed: a live assignment
     * (scheduled ones too) without a removal request still waiting for delivery.
     */
    static Uni<Long> remaining(UUID user) {
        return Assignment.count("targetObjectId = ?1 and state <> ?2 and id not in (select r.assignmentId from "
                        + "AssignmentRequest r where r.assignmentId is not null and r.state in ?3 and r.requestType in ?4)",
                user, AssignmentState.expired, REMOVAL_IN_FLIGHT, REMOVALS);
    }

    private Uni<Void> act(UUID user, LifecycleSettings current) {
        String action = current == null ? null : current.externalUserLifecycleAction();
        boolean delete = "blockSignInAndDelete".equals(action);
        if (!delete && !"blockSignIn".equals(action)) {
            return Uni.createFrom().voidItem(); // none (or a value this version does not know)
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant deleteAt = delete ? Schedule.plus(now, current.durationUntilExternalUserDeletedAfterBlocked(),
                "durationUntilExternalUserDeletedAfterBlocked") : null;
        return held(users.blockSignIn(user.toString())).replaceWith(true)
                .onFailure(ExternalUserLifecycle::notActionable).recoverWithItem(failure -> {
                    LOG.infof("External user %s not blocked: provisioning-service answered %d", user,
                            ((WebApplicationException) failure).getResponse().getStatus());
                    return false;
                })
                .chain(blocked -> {
                    if (!blocked) {
                        return Uni.createFrom().voidItem();
                    }
                    ExternalUserState state = new ExternalUserState();
                    state.objectId = user;
                    state.state = ExternalUserState.BLOCKED;
                    state.action = action;
                    state.blockedAt = now;
                    state.deleteAt = deleteAt;
                    state.updatedAt = now;
                    LOG.infof("External user %s lost their last assignment: blocked from sign-in%s", user,
                            delete ? ", deleted at " + deleteAt : "");
                    return state.persist().chain(() -> delete
                            ? timers.schedule(ExternalUserDeletion.KIND, user.toString(), deleteAt, null)
                            : Uni.createFrom().voidItem());
                });
    }

    private Uni<Void> unblock(ExternalUserState state) {
        String user = state.objectId.toString();
        return held(users.unblockSignIn(user))
                .onFailure(ExternalUserLifecycle::notActionable).recoverWithNull()
                .chain(() -> timers.cancel(ExternalUserDeletion.KIND, user))
                .chain(() -> {
                    LOG.infof("External user %s has an assignment again: unblocked, deletion canceled", user);
                    return state.delete();
                });
    }

    /**
     * A peer's 5xx answer (503: it is up but cannot serve) is the peer being away, as a refused connection is:
     * the timer is held and tried again without counting an attempt, so it is never parked for it.
     */
    static <T> Uni<T> held(Uni<T> call) {
        return call.onFailure(failure -> failure instanceof WebApplicationException web && web.getResponse() != null
                        && web.getResponse().getStatus() >= 500)
                .transform(failure -> new ProcessingException("The peer is unavailable: " + failure.getMessage(), failure));
    }

    /** 404 (the user is gone) or 409 (not a guest): an answer, nothing to do. Anything else is retried. */
    static boolean notActionable(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && (web.getResponse().getStatus() == 404 || web.getResponse().getStatus() == 409);
    }
}
