package dev.tessera.request.delivery;

import dev.tessera.request.extension.CustomExtensions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.platform.messaging.events.DeliveryReported;
import dev.tessera.request.assignment.Assignment;
import dev.tessera.request.assignment.AssignmentState;
import dev.tessera.request.metrics.RequestMetrics;
import dev.tessera.request.notification.RequestMails;
import dev.tessera.request.request.AssignmentRequest;
import dev.tessera.request.request.RequestState;
import dev.tessera.request.subject.Subject;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies delivery reports, a poll's worth at a time ({@link #poll}). Runs inside the idempotent consumer's transaction; a report for an
 * assignment that has ended since (a late grant report after a removal) changes nothing.
 */
@ApplicationScoped
public class DeliveryOutcomes {

    private static final Logger LOG = Logger.getLogger(DeliveryOutcomes.class);

    @Inject
    InstantSource clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    RequestMetrics metrics;

    @Inject
    CustomExtensions extensions;

    @Inject
    RequestMails mails;

    /**
     * One report on its own (its assignment and request read by id); see {@link #poll} for a poll's
     * worth.
     */
    public Uni<Void> apply(DeliveryReported report) {
        return poll(List.of(report)).apply(report);
    }

    /**
     * A poll's reports, applied one by one in order ({@link Poll#apply}, from inside the idempotent
     * consumer's transaction, so each event is still marked and skipped on replay on its own): the first
     * report applied in a session loads every assignment and request of the poll in one query each; the
     * session then flushes at commit only (nothing it changes is read back by a query of this
     * transaction), with the updates batched, instead of flushing and dirty-checking every loaded row
     * before each event's mark. States, completed timestamps and the rows written are the same as
     * applying the reports one at a time. If the batch fails, the consumer applies the reports one at a
     * time, each in its own transaction, and each loads the poll again in its own session.
     */
    public Poll poll(List<DeliveryReported> reports) {
        Set<UUID> assignmentIds = new LinkedHashSet<>();
        Set<UUID> requestIds = new LinkedHashSet<>();
        for (DeliveryReported report : reports) {
            if (report.assignmentId() != null) {
                assignmentIds.add(report.assignmentId());
            }
            if (report.requestId() != null) {
                requestIds.add(report.requestId());
            }
        }
        return new Poll(List.copyOf(assignmentIds), List.copyOf(requestIds));
    }

    /** Statements sent together when a poll's session flushes at commit. */
    static final int FLUSH_BATCH = 100;

    /** A poll's assignments and requests, loaded once per session. */
    public final class Poll {

        private final List<UUID> assignmentIds;
        private final List<UUID> requestIds;
        private Mutiny.Session loadedIn;
        private Map<UUID, Assignment> assignments = Map.of();
        private Map<UUID, AssignmentRequest> requests = Map.of();

        Poll(List<UUID> assignmentIds, List<UUID> requestIds) {
            this.assignmentIds = assignmentIds;
            this.requestIds = requestIds;
        }

        /** Applies one report of the poll, inside the caller's transaction. */
        public Uni<Void> apply(DeliveryReported report) {
            return Panache.getSession().chain(session -> (session == loadedIn
                    ? Uni.createFrom().voidItem() : load(session)).chain(() -> applyLoaded(report)));
        }

        private Uni<Void> load(Mutiny.Session session) {
            session.setFlushMode(FlushMode.COMMIT);
            session.setBatchSize(FLUSH_BATCH);
            Uni<List<Assignment>> assignmentRows = assignmentIds.isEmpty() ? Uni.createFrom().item(List.of())
                    : session.createSelectionQuery("from Assignment a left join fetch a.targetSubject where a.id in ?1",
                            Assignment.class).setParameter(1, padded(assignmentIds)).getResultList();
            return assignmentRows.chain(found -> {
                Map<UUID, Assignment> byId = new HashMap<>();
                found.forEach(a -> byId.put(a.id, a));
                Uni<List<AssignmentRequest>> requestRows = requestIds.isEmpty() ? Uni.createFrom().item(List.of())
                        : session.createSelectionQuery("from AssignmentRequest r left join fetch r.targetSubject "
                                + "where r.id in ?1", AssignmentRequest.class)
                                .setParameter(1, padded(requestIds)).getResultList();
                return requestRows.invoke(rows -> {
                    Map<UUID, AssignmentRequest> requestsById = new HashMap<>();
                    rows.forEach(r -> requestsById.put(r.id, r));
                    assignments = byId;
                    requests = requestsById;
                    loadedIn = session;
                });
            }).replaceWithVoid();
        }

        private Uni<Void> applyLoaded(DeliveryReported report) {
            Instant now = clock.instant();
            Assignment assignment = assignments.get(report.assignmentId());
            if (assignment == null) {
                LOG.warnf("Delivery report for unknown assignment %s ignored", report.assignmentId());
                return Uni.createFrom().voidItem();
            }
            boolean removal = DeliveryReported.REMOVE.equals(report.operation());
            Uni<Void> invited = !removal && assignment.targetObjectId == null && report.targetObjectId() != null
                    ? invited(this, assignment, report.targetObjectId())
                    : Uni.createFrom().voidItem();
            if (removal) {
                assignment.state = AssignmentState.expired;
                assignment.status = "Expired";
                // when the access went: a deferred directory role goes minutes after the removal was asked
                assignment.expiredAt = report.completedDateTime() != null ? report.completedDateTime() : now;
            } else if (assignment.isLive()) {
                assignment.state = grantState(report.outcome());
                assignment.status = status(assignment.state.name());
                assignment.deliveryDetail = json(report.roles());
            }
            assignment.modifiedAt = now;
            return invited.chain(() -> {
                AssignmentRequest request = report.requestId() == null ? null : requests.get(report.requestId());
                if (request != null && request.targetObjectId == null) {
                    request.targetObjectId = assignment.targetObjectId;
                }
                if (request == null || request.completedAt != null) {
                    return Uni.createFrom().voidItem();
                }
                request.state = removal ? RequestState.delivered : requestState(report.outcome());
                request.status = status(request.state.name());
                request.completedAt = now;
                request.failure = failures(report);
                metrics.completed(request);
                if (removal) {
                    return Uni.createFrom().voidItem();
                }
                boolean granted = request.state == RequestState.delivered || request.state == RequestState.partiallyDelivered;
                Uni<Void> extension = granted && request.customExtensions != null
                        ? extensions.notify(request, CustomExtensions.GRANTED) : Uni.createFrom().voidItem();
                return extension.chain(() -> mails.requestor(request, request.state == RequestState.deliveryFailed
                        ? RequestMails.Outcome.deliveryFailed : RequestMails.Outcome.delivered,
                        assignment.accessPackageName));
            });
        }
    }

    /**
     * The ids repeated up to the next power of two, so that the IN list has one of a few lengths and
     * the query one of a few plans (a list of every length fills Hibernate's plan cache).
     */
    static List<UUID> padded(List<UUID> ids) {
        int size = Integer.highestOneBit(Math.max(1, ids.size() - 1)) << 1;
        if (ids.size() <= 1 || size == ids.size()) {
            return ids;
        }
        List<UUID> padded = new ArrayList<>(size);
        padded.addAll(ids);
        while (padded.size() < size) {
            padded.add(ids.get(ids.size() - 1));
        }
        return padded;
    }

    /**
     * provisioning-service invited the assignment's external target as a guest: the object id fills
     * the subject and everything that names it without one (its other assignments and requests).
     */
    private Uni<Void> invited(Poll poll, Assignment assignment, UUID objectId) {
        assignment.targetObjectId = objectId;
        Subject subject = assignment.targetSubject;
        if (subject == null) {
            return Uni.createFrom().voidItem();
        }
        if (subject.objectId == null) {
            subject.objectId = objectId;
        }
        LOG.infof("Subject %s (%s) is directory user %s", subject.id, subject.email, objectId);
        return Assignment.update("targetObjectId = ?1 where targetSubject.id = ?2 and targetObjectId is null and id <> ?3",
                        objectId, subject.id, assignment.id)
                .chain(() -> AssignmentRequest.update("targetObjectId = ?1 where targetSubject.id = ?2 and targetObjectId is null",
                        objectId, subject.id))
                // the poll's rows are flushed at commit, after these updates: they say the same
                .invoke(() -> {
                    poll.assignments.values().stream()
                            .filter(a -> a.targetObjectId == null && a.targetSubject != null
                                    && subject.id.equals(a.targetSubject.id))
                            .forEach(a -> a.targetObjectId = objectId);
                    poll.requests.values().stream()
                            .filter(r -> r.targetObjectId == null && r.targetSubject != null
                                    && subject.id.equals(r.targetSubject.id))
                            .forEach(r -> r.targetObjectId = objectId);
                })
                .replaceWithVoid();
    }

    static AssignmentState grantState(String outcome) {
        return switch (outcome) {
            case "delivered" -> AssignmentState.delivered;
            case "partiallyDelivered" -> AssignmentState.partiallyDelivered;
            default -> AssignmentState.deliveryFailed;
        };
    }

    static RequestState requestState(String outcome) {
        return switch (outcome) {
            case "delivered" -> RequestState.delivered;
            case "partiallyDelivered" -> RequestState.partiallyDelivered;
            default -> RequestState.deliveryFailed;
        };
    }

    /** Graph's status strings are the PascalCase of the state: {@code Delivered}, {@code DeliveryFailed}. */
    static String status(String state) {
        return Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }

    private static String failures(DeliveryReported report) {
        if (report.roles() == null) {
            return null;
        }
        String failed = report.roles().stream()
                .filter(r -> "failed".equals(r.status()))
                .map(r -> r.roleDisplayName() + " (" + r.roleId() + "): " + r.error())
                .collect(Collectors.joining("; "));
        return failed.isEmpty() ? null : failed;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
